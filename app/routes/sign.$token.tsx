import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Notice } from "~/components/form";
import { NO_SCRIPTS } from "~/components/scripts-policy";
import { readMouContent } from "~/mou/stored-content";
import { SignPanel } from "~/mou/sign-panel";
import { SigningLayout } from "~/mou/summary";
import { handleSigningAction } from "~/mou/sign-action.server";
import { signingPageFor } from "~/mou/pages.server";
import { recordSignerView, signerForToken } from "~/mou/signing.server";

/** Works without JavaScript (form posts); the "listen" button comes from the inline script (decisions 128, 135). */
export const handle = NO_SCRIPTS;

export const meta: MetaFunction = () => [{ name: "referrer", content: "same-origin" }, { name: "robots", content: "noindex" }];

/**
 * The emailed one-time link: works for one signer, once, until it expires, and only while it is their turn.
 * Signers with an account confirm with their password, others with a 6-digit code sent by email.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const page = await signingPageFor(params.token ?? "");
  if (!page) return json({ valid: false as const }, { status: 410, headers: { "Cache-Control": "no-store" } });
  const { signer, version } = page;
  await recordSignerView(signer.id, { actorId: signer.userId ?? "", actorName: signer.name });
  return json(
    {
      valid: true as const,
      number: version.mou.number,
      versionNumber: version.versionNumber,
      content: readMouContent(version.content, signer.versionId),
      signer: { name: signer.name, title: signer.title, email: signer.email },
      needsCode: !signer.userId,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const signer = await signerForToken(params.token ?? "");
  if (!signer) return json({ ok: false as const, errors: { _form: "mou:errors.linkInvalid" }, values: {} }, { status: 410 });
  const actor = signer.userId ? { actorId: signer.userId, actorName: signer.name } : { actorId: "", actorName: signer.name };
  return handleSigningAction(request, signer, actor, `/sign/${params.token}/done`);
}

export default function SignByLink() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  if (!loaded.valid) {
    return (
      <div className="mx-auto max-w-xl space-y-4">
        <h1 className="text-2xl font-bold">{t("mou:sign.linkTitle")}</h1>
        <Notice tone="warning">{t("mou:errors.linkInvalid")}</Notice>
      </div>
    );
  }
  const codeSent = !!(data && "codeSent" in data && data.codeSent) || !!params.get("codeSent");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("mou:sign.title", { number: loaded.number })}</h1>
      <SigningLayout inlineListen content={loaded.content} number={loaded.number} versionNumber={loaded.versionNumber} panel={<SignPanel signer={loaded.signer} needsCode={loaded.needsCode} codeSent={codeSent} data={data && "errors" in data && data.errors ? data : undefined} />} />
    </div>
  );
}
