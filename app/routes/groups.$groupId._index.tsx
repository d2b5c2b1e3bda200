import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { listAuditEvents } from "~/audit/audit.server";
import { describeAuditEvents } from "~/audit/trail.server";
import { authorizeGroupAction, notFound, requireUser } from "~/auth/guard.server";
import { AssistedModeBanner } from "~/components/assisted-mode";
import { AuditList } from "~/components/audit-list";
import { Notice } from "~/components/form";
import { StatusBadge } from "~/components/status-badge";
import { groupWorkspace } from "~/groups/groups.server";
import { formatRupiah } from "~/i18n/format";
import { useDates } from "~/time/use-dates";
import { zoneOfGroup } from "~/time/office-zone.server";

/** The working view of a group for its own users, its facilitator and Dinas (not the public profile). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const groupId = params.groupId!;
  const actor = await authorizeGroupAction(user, "read", "group", groupId, request);
  const workspace = await groupWorkspace(actor, groupId);
  if (!workspace) throw notFound();
  const { events } = await listAuditEvents({ entityType: "Group", entityId: groupId, take: 20 });
  const zone = await zoneOfGroup(groupId);
  return json({ ...workspace, assisted: !!actor.actingForGroupId, events: await describeAuditEvents(request, user, events, zone), zone });
}

export default function GroupWorkspace() {
  const { t } = useTranslation();
  const { group, members, welfare, canEdit, canManageProducts, assisted, events, zone } = useLoaderData<typeof loader>();
  const { date: fmtDate } = useDates(zone);
  const [params] = useSearchParams();
  return (
    <div className="space-y-4">
      {assisted ? <AssistedModeBanner groupName={group.name} /> : null}
      {params.get("saved") ? <Notice tone="success">{t("common:saved")}</Notice> : null}
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold">{group.name}</h1>
          <p className="text-sm text-stone-600">
            {t(`enums:groupType.${group.type}`)} · {group.village.name}, {t("groups:kecamatanLabel", { name: group.kecamatan.name })}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <StatusBadge kind="verification" status={group.verificationStatus} />
          <span className={`badge ${group.active ? "bg-green-100 text-green-800" : "bg-stone-200 text-stone-700"}`}>
            {group.active ? t("groups:active") : t("groups:inactive")}
          </span>
        </div>
      </div>
      {group.verificationStatus === "REJECTED" && group.verificationNote ? (
        <Notice tone="warning">{t("groups:rejectedBecause", { reason: group.verificationNote })}</Notice>
      ) : null}
      <section className="card space-y-2">
        <div className="flex items-center justify-between">
          <h2 className="text-lg font-semibold">{t("groups:profile")}</h2>
          <div className="flex flex-wrap gap-2">
            <Link to={`/groups/${group.id}/coaching`} className="btn-secondary btn-small" data-testid="group-coaching">
              {t("coaching:groupLink")}
            </Link>
            <Link to={`/groups/${group.id}/visits`} className="btn-secondary btn-small" data-testid="group-visits">
              {t("mentoring:groupLink")}
            </Link>
            {canManageProducts ? (
              <Link to={`/groups/${group.id}/products`} className="btn-secondary btn-small" data-testid="manage-products">
                {t("catalog:manage.link")}
              </Link>
            ) : null}
            <Link to={`/groups/${group.id}/payout`} className="btn-secondary btn-small" data-testid="group-payout">
              {t("payments:payout.link")}
            </Link>
            {canEdit ? (
              <Link to={`/groups/${group.id}/edit`} className="btn-secondary btn-small">
                {t("groups:edit.button")}
              </Link>
            ) : null}
          </div>
        </div>
        <dl className="grid gap-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-stone-500">{t("groups:fields.businessKind")}</dt>
            <dd>{t(`enums:businessKind.${group.businessKind}`)}</dd>
          </div>
          <div>
            <dt className="text-stone-500">{t("groups:fields.foundedAt")}</dt>
            <dd>{group.foundedAt ? fmtDate(group.foundedAt) : "—"}</dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-stone-500">{t("groups:fields.businessDescription")}</dt>
            <dd>{group.businessDescription}</dd>
          </div>
          {group.story ? (
            <div className="sm:col-span-2">
              <dt className="text-stone-500">{t("groups:fields.story")}</dt>
              <dd>{group.story}</dd>
            </div>
          ) : null}
          <div>
            <dt className="text-stone-500">{t("groups:fields.address")}</dt>
            <dd>{group.address ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-stone-500">{t("groups:fields.facilitator")}</dt>
            <dd>{group.facilitator ? `${group.facilitator.name} (${group.facilitator.phone ?? group.facilitator.email})` : "—"}</dd>
          </div>
          {group.startupCapital ? (
            <div>
              <dt className="text-stone-500">{t("groups:fields.startupCapital")}</dt>
              <dd>{formatRupiah(group.startupCapital)}</dd>
            </div>
          ) : null}
        </dl>
      </section>
      <section className="card">
        <h2 className="mb-2 text-lg font-semibold">{t("groups:members", { count: members.length })}</h2>
        <div tabIndex={0} className="overflow-x-auto">
          <table className="data-table">
            <thead>
              <tr>
                <th>{t("groups:memberFields.name")}</th>
                <th>{t("groups:memberFields.role")}</th>
                <th>{t("groups:memberFields.nik")}</th>
                {welfare ? <th>{t("groups:memberFields.pkh")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <td>{m.name}</td>
                  <td>{t(`enums:memberRole.${m.role}`)}</td>
                  <td>{m.nikLast4 ? `••••${m.nikLast4}` : "—"}</td>
                  {welfare ? <td>{m.pkhStatus ? t(`enums:pkhStatus.${m.pkhStatus}`) : ""}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {!welfare ? <p className="mt-2 text-xs text-stone-500">{t("groups:welfareHidden")}</p> : null}
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("audit:title")}</h2>
        <AuditList events={events} zone={zone} />
      </section>
    </div>
  );
}
