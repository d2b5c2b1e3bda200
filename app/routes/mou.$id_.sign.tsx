import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, notFound, requireUser } from "~/auth/guard.server";
import { Notice } from "~/components/form";
import { requireMouAccess } from "~/mou/access.server";
import { readMouContent } from "~/mou/stored-content";
import { getMou } from "~/mou/mou.server";
import { SignPanel } from "~/mou/sign-panel";
import { SigningLayout } from "~/mou/summary";
import { handleSigningAction } from "~/mou/sign-action.server";
import { currentSignerForUser, recordSignerView } from "~/mou/signing.server";

/** A signed-in signer signs the MoU's current version when it is their turn (password re-confirmation). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id!;
  await requireMouAccess(user, id);
  const mou = await getMou(actorOf(user), id);
  if (!mou) throw notFound();
  const signer = await currentSignerForUser(id, user.id);
  if (!signer) return json({ mou: { id: mou.id, number: mou.number }, signer: null, content: null, versionNumber: 0 });
  await recordSignerView(signer.id, actorOf(user, request));
  const version = mou.versions.find((v) => v.id === signer.versionId)!;
  return json({
    mou: { id: mou.id, number: mou.number },
    signer: { name: signer.name, title: signer.title, email: signer.email },
    content: readMouContent(version.content, version.id),
    versionNumber: version.versionNumber,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id!;
  await requireMouAccess(user, id);
  const signer = await currentSignerForUser(id, user.id);
  if (!signer) return json({ ok: false as const, errors: { _form: "mou:errors.notYourTurn" }, values: {} }, { status: 400 });
  return handleSigningAction(request, signer, actorOf(user, request), `/mou/${id}`);
}

export default function SignMou() {
  const { t } = useTranslation();
  const { mou, signer, content, versionNumber } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <Link to={`/mou/${mou.id}`} className="text-sm">
        {t("mou:view.backToMou")}
      </Link>
      <h1 className="text-2xl font-bold">{t("mou:sign.title", { number: mou.number })}</h1>
      {!signer || !content ? (
        <Notice tone="warning">{t("mou:errors.notYourTurn")}</Notice>
      ) : (
        <SigningLayout content={content} number={mou.number} versionNumber={versionNumber} panel={<SignPanel signer={signer} needsCode={false} codeSent={false} data={data && "errors" in data ? data : undefined} />} />
      )}
    </div>
  );
}
