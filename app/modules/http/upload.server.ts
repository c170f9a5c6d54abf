// Reading a multipart upload in a route declared in UPLOAD_ROUTES (body-limits.server.ts). The server
// has already held the body to the route's size; this holds it to the route's number of parts (a
// body of 200,000 empty parts took 26 s to parse) and turns every way a body can be unreadable into
// one refusal the page can put in words, never a 500.
import {
  MaxPartSizeExceededError,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";
import { uploadRouteOf } from "./body-limits.server";

export class UploadRefused extends Error {
  constructor(readonly reason: "tooLarge" | "tooManyParts" | "unreadable") {
    super(`upload refused: ${reason}`);
  }
}

/** The upload's fields and files; throws UploadRefused when it is not one this route takes. */
export async function readUpload(request: Request, handler: UploadHandler): Promise<FormData> {
  const route = uploadRouteOf(new URL(request.url).pathname);
  const type = request.headers.get("Content-Type") ?? "";
  if (!route || !type.toLowerCase().startsWith("multipart/form-data")) throw new UploadRefused("unreadable");
  let parts = 0;
  const counted: UploadHandler = (part) => {
    // Thrown from the handler, this ends the parse at the first part too many.
    if (++parts > route.maxParts) throw new UploadRefused("tooManyParts");
    return handler(part);
  };
  try {
    return await unstable_parseMultipartFormData(request, counted);
  } catch (error) {
    if (error instanceof UploadRefused) throw error;
    if (error instanceof MaxPartSizeExceededError) throw new UploadRefused("tooLarge");
    throw new UploadRefused("unreadable");
  }
}
