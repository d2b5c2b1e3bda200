import { useTranslation } from "~/i18n/react";

/**
 * Product photo and status badge: what the group's product pages share with the catalogue, split from ui.tsx
 * so those pages do not load the catalogue cards and share buttons (decision 135).
 */
/** Same widths as PHOTO_SIZES in photos.server.ts (kept here so this module stays client-safe). */
const SMALL = 480;

export function photoSrc(key: string, size: "sm" | "lg") {
  return `/media/products/${key}-${size}.webp`;
}

function fit(width: number, height: number, max: number) {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

/** A product photo with its intrinsic size set (no layout shift) and lazy loading below the fold. */
export function ProductPhoto({
  photo,
  alt,
  size = "sm",
  eager = false,
  priority = false,
  className = "",
}: {
  photo: { key?: string; fileKey?: string; width: number; height: number } | null;
  alt: string;
  size?: "sm" | "lg";
  eager?: boolean;
  /** the page's main photo (its largest paint): fetched first, before the scripts and the other photos */
  priority?: boolean;
  className?: string;
}) {
  const { t } = useTranslation();
  if (!photo) {
    return (
      <div className={`flex aspect-[4/3] items-center justify-center bg-stone-100 text-xs text-stone-400 ${className}`} role="img" aria-label={t("catalog:noPhoto")}>
        {t("catalog:noPhoto")}
      </div>
    );
  }
  const key = photo.key ?? photo.fileKey!;
  const dims = size === "sm" ? fit(photo.width, photo.height, SMALL) : { width: photo.width, height: photo.height };
  return (
    <img
      src={photoSrc(key, size)}
      srcSet={size === "lg" ? `${photoSrc(key, "sm")} ${dims.width >= SMALL ? SMALL : dims.width}w, ${photoSrc(key, "lg")} ${photo.width}w` : undefined}
      sizes={size === "lg" ? "(max-width: 640px) 100vw, 640px" : undefined}
      width={dims.width}
      height={dims.height}
      alt={alt}
      loading={eager || priority ? "eager" : "lazy"}
      decoding={priority ? "sync" : "async"}
      // React 18 knows no fetchPriority prop; the lowercase attribute passes through as it is.
      {...(priority ? { fetchpriority: "high" } : {})}
      className={`h-auto w-full bg-stone-100 object-cover ${className}`}
    />
  );
}

const STATUS_TONES: Record<string, string> = {
  ACTIVE: "bg-green-100 text-green-800",
  PAUSED: "bg-amber-100 text-amber-900",
  ARCHIVED: "bg-stone-200 text-stone-700",
};

export function ProductStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${STATUS_TONES[status] ?? ""}`} data-status={status}>
      {t(`catalog:status.${status}`)}
    </span>
  );
}
