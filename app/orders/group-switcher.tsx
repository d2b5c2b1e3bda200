import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";

/** Links to the same page for each of a facilitator's groups (nothing for other roles). */
export function GroupSwitcher({ groups, current, path }: { groups: { id: string; name: string }[]; current: string; path: string }) {
  const { t } = useTranslation();
  if (groups.length < 2) return null;
  return (
    <nav className="flex flex-wrap gap-2 text-sm" aria-label={t("orders:list.groupFilter")}>
      {groups.map((g) => (
        <Link key={g.id} to={`${path}?group=${g.id}`} className={g.id === current ? "font-bold underline" : "underline"}>
          {g.name}
        </Link>
      ))}
    </nav>
  );
}
