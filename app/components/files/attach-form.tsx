// Attaching photos or documents to a piece of evidence or to the P1 documents. A plain multipart
// form: without JavaScript the browser posts the files as they are (the server checks, re-encodes
// and strips them). With JavaScript, photos are scaled down in the browser first (a 3 MB photo
// becomes a few hundred kB: quicker on a phone's connection) and sent with a progress bar.
import { useId, useRef, useState, type FormEvent } from "react";
import { useRevalidator } from "@remix-run/react";
import { useText } from "~/components/text";
import { Button } from "~/components/ui/button";
import { inputClass } from "~/components/ui/field";
import { DOCUMENT_PURPOSES, type UploadLimits } from "~/modules/files/shown";
import { FileChooser, UploadProgress } from "./file-chooser";
import { formWithDownscaled, postWithProgress, refusalsIn } from "./upload-client";

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
  const { t } = useText();
  const id = useId();
  const revalidator = useRevalidator();
  const form = useRef<HTMLFormElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function send(event: FormEvent<HTMLFormElement>) {
    if (typeof XMLHttpRequest === "undefined") return;
    event.preventDefault();
    const element = event.currentTarget;
    const body = await formWithDownscaled(element, limits.imageMaxPx);
    setError(null);
    setProgress(0);
    try {
      const answer = await postWithProgress(element.action, body, setProgress);
      if (answer.ok) {
        element.reset();
        revalidator.revalidate();
      } else {
        setError(refusalsIn(answer.html)[0] ?? t("error.genericTitle"));
      }
    } catch {
      setError(t("error.genericTitle"));
    } finally {
      setProgress(null);
    }
  }

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
      <FileChooser id={`${id}-files`} limits={limits} label={t("files.chooser")} />
      <UploadProgress progress={progress} />
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
