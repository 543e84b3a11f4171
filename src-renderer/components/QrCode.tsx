import { useMemo } from 'react';
import { encode } from 'uqr';

/**
 * A QR code drawn here, as SVG, from its text: nothing is fetched and the
 * text (an authenticator secret) never leaves the console. Always dark on
 * light and left to right, as scanners expect, whatever the page's direction.
 */
export function QrCode({ value, label, size = 200 }: { value: string; label: string; size?: number }) {
  const { path, modules } = useMemo(() => {
    // medium error correction: read reliably off a screen; a quiet zone of 4 modules, as the standard asks
    const qr = encode(value, { ecc: 'M', border: 4 });
    let d = '';
    qr.data.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (dark) d += `M${x} ${y}h1v1h-1z`;
      }),
    );
    return { path: d, modules: qr.size };
  }, [value]);
  return (
    <svg
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${modules} ${modules}`}
      shapeRendering="crispEdges"
      style={{ direction: 'ltr', background: '#fff', display: 'block' }}
    >
      <rect width={modules} height={modules} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
