// The file input of every upload form: the camera first on a phone (`capture`), several files at once,
// the types and limits stated; and the bar an upload's progress is shown in (with JavaScript).
import { useText } from "~/components/text";
import { formatSize, type UploadLimits } from "~/modules/files/shown";

/** What the server takes (it decides by the bytes; this only filters the phone's chooser). */
const ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf";

export function FileChooser({
  id,
  limits,
  label,
  name = "files",
  hint,
  multiple = true,
}: {
  id: string;
  limits: UploadLimits;
  label: string;
  name?: string;
  /** Said under the label instead of the types and limits of a multi-file upload. */
  hint?: string;
  multiple?: boolean;
}) {
  const { t, i18n } = useText();
  const hintId = `${id}-hint`;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800">
        {label}
      </label>
      <p id={hintId} className="mb-1 text-xs text-slate-600" suppressHydrationWarning>
        {hint ?? t("files.hint", { size: formatSize(limits.fileMaxBytes, i18n.language), count: limits.maxFiles })}
      </p>
      {/* capture opens the phone's camera; the gallery is one tap away in the same chooser on iOS,
          and Android offers it from the camera's own picker. */}
      <input
        id={id}
        name={name}
        type="file"
        accept={ACCEPT}
        capture="environment"
        multiple={multiple}
        aria-describedby={hintId}
        className="block w-full text-sm text-slate-800 file:mr-3 file:min-h-11 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-semibold"
      />
    </div>
  );
}

export function UploadProgress({ progress }: { progress: number | null }) {
  const { t } = useText();
  if (progress === null) return null;
  return (
    <progress value={progress} max={1} aria-label={t("files.progress")} className="block h-2 w-full">
      {Math.round(progress * 100)}%
    </progress>
  );
}
