// The browser's part of an upload, shared by every form that sends files (the mentor's attach form,
// the entrepreneur's monthly report): photos scaled down before they leave the phone (a 3 MB photo
// becomes a few hundred kB), and the post sent with its progress reported. Without JavaScript none
// of this runs: the form posts its files as they are and the server checks them alike. A page whose
// scripts have a budget (the entrepreneur's /saya) loads it only once a file is chosen and sent.

/** A photo redrawn at most `maxPx` on its longest side, as JPEG; anything else (a PDF) as it is. */
export async function downscaled(file: File, maxPx: number): Promise<File> {
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

/** A form's fields and files, its photos scaled down; an empty file input (nothing chosen) left out. */
export async function formWithDownscaled(form: HTMLFormElement, maxPx: number): Promise<FormData> {
  const body = new FormData();
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string") body.append(name, value);
    else if (value.name !== "" || value.size > 0) body.append(name, await downscaled(value, maxPx));
  }
  return body;
}

export type PostAnswer = { ok: boolean; status: number; /** Where the answer came from (after a redirect: the page it led to). */ url: string; html: string };

/** Posts with XMLHttpRequest (fetch reports no upload progress), `onProgress` from 0 to 1. */
export function postWithProgress(action: string, body: FormData, onProgress: (fraction: number) => void): Promise<PostAnswer> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", action);
    request.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    request.onload = () =>
      resolve({ ok: request.status >= 200 && request.status < 300, status: request.status, url: request.responseURL, html: request.responseText });
    request.onerror = () => reject(new Error("network"));
    request.send(body);
  });
}

/** The refusals the server's page states (`selector`), read from its HTML answer. */
export function refusalsIn(html: string, selector = "[data-upload-error]"): string[] {
  const doc = new DOMParser().parseFromString(html, "text/html");
  return [...doc.querySelectorAll(selector)].map((element) => element.textContent?.trim() ?? "").filter(Boolean);
}

/**
 * Sends a form with its photos scaled down, reporting progress: the page it led to (after the
 * server's redirect), or the refusals the server's answer states (`errorSelector`; none found, or
 * no answer at all: an empty list, for the caller's general message).
 */
export async function sendForm(form: HTMLFormElement, maxPx: number, onProgress: (fraction: number) => void, errorSelector: string): Promise<{ to: string } | { errors: string[] }> {
  try {
    const answer = await postWithProgress(form.action, await formWithDownscaled(form, maxPx), onProgress);
    if (!answer.ok) return { errors: refusalsIn(answer.html, errorSelector) };
    const to = new URL(answer.url);
    return { to: `${to.pathname}${to.search}` };
  } catch {
    return { errors: [] };
  }
}
