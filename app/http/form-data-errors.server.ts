/**
 * A body that cannot be read as a form (broken multipart, a cut-off upload, a body over the cap) makes
 * `request.formData()` throw a TypeError, which Remix would answer with 500. Installed once from
 * entry.server: such failures become a thrown 400 Response (the error page says the request could not be
 * read), so malformed requests get a 4xx, never a 5xx, in every route without each catching it.
 * A NUL character in a field name, a value or a file name is refused the same way (app/http/nul-characters.ts).
 */
import { refuseNulCharacters } from "./nul-characters";

const FLAG = Symbol.for("bermitra.formDataErrors");

const badRequest = () => new Response("errors:badRequest", { status: 400, statusText: "Bad Request" });

export function installFormDataErrors(): void {
  const proto = Request.prototype as Request & { [FLAG]?: true };
  if (proto[FLAG]) return;
  const original = proto.formData;
  proto.formData = async function formData(this: Request) {
    let form: FormData;
    try {
      form = await original.call(this);
    } catch (error) {
      if (error instanceof Response) throw error;
      throw badRequest();
    }
    return refuseNulCharacters(form);
  };
  proto[FLAG] = true;
}
