import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Notice } from "~/components/form";
import { NO_SCRIPTS } from "~/components/scripts-policy";

/** Works without JavaScript: served without the client scripts (decision 128). */
export const handle = NO_SCRIPTS;

/** After signing or declining by emailed link: the link is used up; a plain confirmation. */
export default function SignedByLink() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("mou:sign.linkTitle")}</h1>
      <Notice tone={params.get("declined") ? "warning" : "success"}>
        {t(params.get("declined") ? "mou:done.declined" : params.get("completed") ? "mou:done.completed" : "mou:done.signed")}
      </Notice>
      <Link to="/mou/verify">{t("mou:verify.title")}</Link>
    </div>
  );
}
