import { json, redirect } from "@remix-run/node";
import type { AuditActor } from "~/auth/actor";
import { clientIp } from "~/auth/guard.server";
import { isDomainError } from "~/domain/errors";
import { formError, formRefusal, parseForm, refusal } from "~/forms/parse.server";
import { formCheckbox, formText, optionalFormText, z } from "~/forms/validation";
import { confirmSignerIdentity, declineSignature, requestSigningCode, signVersion } from "./signing.server";

const SignSchema = z.object({
  intent: z.literal("sign"),
  password: optionalFormText(200),
  code: optionalFormText(20),
  typedName: formText(200),
  signatureImage: optionalFormText(300_000),
  consent: formCheckbox(),
});
const DeclineSchema = z.object({ intent: z.literal("decline"), reason: formText(1000), declinePassword: optionalFormText(200), declineCode: optionalFormText(20) });
/** The decline form has its own credential fields (the sign form's are on the same page). */
const DECLINE_FIELD: Record<string, string> = { password: "declinePassword", code: "declineCode" };

/** The sign / decline / request-code action shared by /mou/:id/sign and /sign/:token. */
export async function handleSigningAction(request: Request, signer: { id: string; userId: string | null }, actor: AuditActor | null, done: string) {
  const form = await request.formData();
  const intent = form.get("intent");
  try {
    if (intent === "requestCode") {
      await requestSigningCode(signer.id);
      return json({ ok: true as const, codeSent: true, errors: undefined, values: undefined });
    }
    if (intent === "decline") {
      const parsed = parseForm(DeclineSchema, form);
      if (!parsed.ok) return formError(parsed);
      const values = { reason: parsed.data.reason };
      try {
        await declineSignature(actor ? { ...actor, ip: clientIp(request) } : null, signer.id, parsed.data.reason, { password: parsed.data.declinePassword, code: parsed.data.declineCode, ip: clientIp(request) });
      } catch (error) {
        if (isDomainError(error)) return refusal(error, values, DECLINE_FIELD[error.field] ?? error.field);
        throw error;
      }
      return redirect(`${done}?declined=1`);
    }
    const parsed = parseForm(SignSchema, form);
    if (!parsed.ok) return formError(parsed);
    const values = { typedName: parsed.data.typedName };
    if (!parsed.data.consent) return formRefusal("mou:errors.consentRequired", values, "consent");
    try {
      await confirmSignerIdentity(signer.id, { password: parsed.data.password, code: parsed.data.code, ip: clientIp(request) });
      const ip = clientIp(request);
      const result = await signVersion(actor ? { ...actor, ip } : null, {
        signerId: signer.id,
        typedName: parsed.data.typedName,
        signatureImage: parsed.data.signatureImage ?? null,
        consent: parsed.data.consent,
        ip,
        userAgent: request.headers.get("user-agent"),
      });
      return redirect(`${done}?signed=1${result.completed ? "&completed=1" : ""}`);
    } catch (error) {
      if (isDomainError(error)) return refusal(error, values);
      throw error;
    }
  } catch (error) {
    if (isDomainError(error)) return refusal(error, {});
    throw error;
  }
}
