// The entrepreneur's view of her own files on /saya: each photo's thumbnail opening it full size, a
// download link for a PDF, and a withdraw button on what she added. Lighter than the staff's list
// (file-list.tsx): /saya's scripts have a budget, and she never sees identity documents here.
import { useText } from "~/components/text";
import type { ShownFile } from "~/modules/files/shown";

export function OwnFiles({ files, returnTo }: { files: ShownFile[]; returnTo: string }) {
  const { t } = useText();
  if (files.length === 0) return null;
  return (
    <ul aria-label={t("files.title")} className="flex flex-wrap gap-2">
      {files.map((file) => (
        <li key={file.id}>
          {/* The link is named by the thumbnail's text ("Buka …"); a PDF is a download (the server says so). */}
          <a href={`/berkas/${file.id}`} className="block rounded-md border border-slate-300 bg-white p-1 text-xs font-medium text-brand-700">
            {file.hasThumb ? <img src={`/berkas/${file.id}/kecil`} alt={t("files.open", { name: file.name })} width={80} height={80} loading="lazy" className="h-20 w-20 rounded object-cover" /> : t("files.download", { name: file.name })}
          </a>
          {file.mine ? (
            <form method="post" action={`/berkas/${file.id}`}>
              <input type="hidden" name="intent" value="withdraw" />
              <input type="hidden" name="returnTo" value={returnTo} />
              <button type="submit" aria-label={t("files.withdrawLabel", { name: file.name })} className="min-h-11 px-1 text-xs font-medium text-red-800">
                {t("files.withdraw")}
              </button>
            </form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
