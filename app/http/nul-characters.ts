/**
 * NUL characters (U+0000) in what a request carries. No keyboard types one and no Bermitra link contains one,
 * and PostgreSQL cannot store or compare text holding one (the fuzz test on PostgreSQL got 500s from form ids
 * carrying "\0"). Refused with 400 wherever a request enters: the address here, before any loader reads the
 * query; form fields and file names wherever a form is read (request.formData() through
 * app/http/form-data-errors.server.ts, uploads through parseMultipartForm in app/forms/parse.server.ts).
 */
import type { NextFunction, Request, Response } from "express";

export function hasNulCharacter(text: string): boolean {
  return text.includes("\0");
}

/** Throws a 400 Response when a field name, a value or a file name of the form holds a NUL character. */
export function refuseNulCharacters(form: FormData): FormData {
  for (const [name, value] of form.entries()) {
    if (hasNulCharacter(name) || hasNulCharacter(typeof value === "string" ? value : value.name)) {
      throw new Response("errors:badRequest", { status: 400, statusText: "Bad Request" });
    }
  }
  return form;
}

/** Express middleware: an address with %00 anywhere (path or query) gets 400. */
export function refuseNulInAddress(req: Request, res: Response, next: NextFunction) {
  if (!/%00/.test(req.originalUrl) && !hasNulCharacter(req.originalUrl)) return next();
  res.status(400).set("Cache-Control", "no-store").type("text/plain").send("Alamat tidak dapat dibaca / The address cannot be read");
}
