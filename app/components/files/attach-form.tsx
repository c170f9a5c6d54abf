// Attaching photos or documents to a piece of evidence or to the P1 documents. A plain multipart
// form: without JavaScript the browser posts the files as they are (the server checks, re-encodes
// and strips them). With JavaScript, photos are scaled down in the browser first (a 3 MB photo
// becomes a few hundred kB: quicker on a phone's connection) and sent with a progress bar.
import { useId, useRef, useState, type FormEvent } from "react";
import { useRevalidator } from "@remix-run/react";
import { useText } from "~/components/text";
import { Button } from "~/components/ui/button";
import { inputClass } from "~/components/ui/field";
import { DOCUMENT_PURPOSES, formatSize, type UploadLimits } from "~/modules/files/shown";

const ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf";

/** A photo redrawn at most `maxPx` on its longest side, as JPEG; anything else (a PDF) as it is. */
async function downscaled(file: File, maxPx: number): Promise<File> {
  if (!file.type.startsWith("image/") || typeof createImageBitmap !== "function") return file;
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    const scale = Math.min(1, maxPx / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext("2d")!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.85));
    if (!blob) return file;
    return new File([blob], file.name.replace(/\.[^.]*$/, "") + ".jpg", { type: "image/jpeg" });
  } catch {
    // A photo this browser cannot draw (HEIC outside Safari): the server says what to do with it.
    return file;
  }
}

/** The refusal the server's page states (data-upload-error), read from its HTML answer. */
function refusalIn(html: string): string | null {
  const doc = new DOMParser().parseFromString(html, "text/html");
  return doc.querySelector("[data-upload-error]")?.textContent?.trim() || null;
}

export function AttachForm({
  participantId,
  evidenceId,
  limits,
  returnTo,
  documents = false,
}: {
  participantId: number;
  /** The evidence the files document; without it the form asks which P1 document it is. */
  evidenceId?: number;
  limits: UploadLimits;
  /** Where the page goes after the upload (this page, at the record). */
  returnTo: string;
  documents?: boolean;
}) {
  const { t, i18n } = useText();
  const id = useId();
  const revalidator = useRevalidator();
  const form = useRef<HTMLFormElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function send(event: FormEvent<HTMLFormElement>) {
    if (typeof XMLHttpRequest === "undefined") return;
    event.preventDefault();
    const element = event.currentTarget;
    const body = new FormData();
    for (const [name, value] of new FormData(element)) {
      if (typeof value === "string") body.append(name, value);
      else if (value.name !== "" || value.size > 0) body.append(name, await downscaled(value, limits.imageMaxPx));
    }
    setError(null);
    setProgress(0);
    const request = new XMLHttpRequest();
    request.open("POST", element.action);
    request.upload.onprogress = (e) => {
      if (e.lengthComputable) setProgress(e.loaded / e.total);
    };
    request.onload = () => {
      setProgress(null);
      if (request.status >= 200 && request.status < 300) {
        element.reset();
        revalidator.revalidate();
      } else {
        setError(refusalIn(request.responseText) ?? t("error.genericTitle"));
      }
    };
    request.onerror = () => {
      setProgress(null);
      setError(t("error.genericTitle"));
    };
    request.send(body);
  }

  const hintId = `${id}-hint`;
  return (
    <form
      ref={form}
      method="post"
      action={`/peserta/${participantId}/berkas`}
      encType="multipart/form-data"
      onSubmit={send}
      aria-label={t("files.attach")}
      className="space-y-2"
    >
      <input type="hidden" name="returnTo" value={returnTo} />
      {evidenceId !== undefined ? <input type="hidden" name="evidenceId" value={evidenceId} /> : null}
      {documents ? (
        <div>
          <label htmlFor={`${id}-purpose`} className="mb-1 block text-sm font-medium text-slate-800">
            {t("files.attachTo")}
          </label>
          <select id={`${id}-purpose`} name="purpose" className={inputClass} defaultValue="ktp">
            {DOCUMENT_PURPOSES.map((purpose) => (
              <option key={purpose} value={purpose}>
                {t(`files.purpose.${purpose}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div>
        <label htmlFor={`${id}-files`} className="mb-1 block text-sm font-medium text-slate-800">
          {t("files.chooser")}
        </label>
        <p id={hintId} className="mb-1 text-xs text-slate-600" suppressHydrationWarning>
          {t("files.hint", { size: formatSize(limits.fileMaxBytes, i18n.language), count: limits.maxFiles })}
        </p>
        {/* capture opens the phone's camera; the gallery is one tap away in the same chooser on iOS,
            and Android offers it from the camera's own picker. */}
        <input
          id={`${id}-files`}
          name="files"
          type="file"
          accept={ACCEPT}
          capture="environment"
          multiple
          aria-describedby={hintId}
          className="block w-full text-sm text-slate-800 file:mr-3 file:min-h-11 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-semibold"
        />
      </div>
      {progress !== null ? (
        <progress value={progress} max={1} aria-label={t("files.progress")} className="block h-2 w-full">
          {Math.round(progress * 100)}%
        </progress>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm font-medium text-red-800">
          {error}
        </p>
      ) : null}
      <Button variant="secondary" disabled={progress !== null}>
        {progress !== null ? t("files.uploading") : t("files.submit")}
      </Button>
    </form>
  );
}
