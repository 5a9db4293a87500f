// The mall's mark: a four-point star in a ring (the demo mall is 星河, "galaxy"). Pure SVG, no image file.
export function MallMark({ className }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 48 48" width="1em" height="1em" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="22" fill="none" stroke="currentColor" strokeWidth="2.5" opacity="0.55" />
      <path d="M24 8c1.6 9 3.9 11.4 13 13-9.1 1.6-11.4 3.9-13 13-1.6-9.1-3.9-11.4-13-13 9.1-1.6 11.4-4 13-13z" fill="currentColor" />
    </svg>
  );
}
