// The files of one record: a thumbnail for each photo (opening it full size, the phone's own viewer),
// a download link for a PDF, a logged "view" button for an identity document, and a withdraw button
// on the files the reader added. Plain links and forms: all of it works without JavaScript.
import { useText } from "~/components/text";
import { isIdentityPurpose, type ShownFile } from "~/modules/files/shown";

const THUMB = 80;

function Withdraw({ file, returnTo }: { file: ShownFile; returnTo: string }) {
  const { t } = useText();
  return (
    <form method="post" action={`/berkas/${file.id}`}>
      <input type="hidden" name="intent" value="withdraw" />
      <input type="hidden" name="returnTo" value={returnTo} />
      <button type="submit" aria-label={t("files.withdrawLabel", { name: file.name })} title={t("files.withdrawHint")} className="min-h-11 px-1 text-xs font-medium text-red-800 underline-offset-2 hover:underline">
        {t("files.withdraw")}
      </button>
    </form>
  );
}

export function FileList({ files, returnTo }: { files: ShownFile[]; returnTo: string }) {
  const { t } = useText();
  if (files.length === 0) return null;
  return (
    <ul aria-label={t("files.title")} className="flex flex-wrap gap-2">
      {files.map((file) => (
        <li key={file.id} className="flex flex-col items-start gap-0.5">
          {isIdentityPurpose(file.purpose) ? (
            <form method="post" action={`/berkas/${file.id}`}>
              <input type="hidden" name="intent" value="view" />
              <button type="submit" className="min-h-11 rounded-md border border-slate-300 bg-white px-3 py-2 text-left text-xs font-medium text-brand-700">
                {t("files.viewIdentity", { purpose: t(`files.purpose.${file.purpose}`), name: file.name })}
              </button>
            </form>
          ) : file.type === "application/pdf" ? (
            <a href={`/berkas/${file.id}`} download className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 py-2 text-xs font-medium text-brand-700 underline-offset-2 hover:underline">
              {t("files.download", { name: file.name })}
            </a>
          ) : (
            <a href={`/berkas/${file.id}`} aria-label={t("files.open", { name: file.name })} className="block rounded-md border border-slate-300 bg-white p-0.5">
              {file.hasThumb ? (
                <img src={`/berkas/${file.id}/kecil`} alt={file.name} width={THUMB} height={THUMB} loading="lazy" className="h-20 w-20 rounded object-cover" />
              ) : (
                <span className="block h-20 w-20 text-xs">{file.name}</span>
              )}
            </a>
          )}
          {file.mine ? <Withdraw file={file} returnTo={returnTo} /> : null}
        </li>
      ))}
    </ul>
  );
}
