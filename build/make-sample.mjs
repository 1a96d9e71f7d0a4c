// Makes the bundled sample folder (sample/): small images Loupe creates itself, so `loupe serve`
// without a config has something to show. Run `node build/make-sample.mjs` to regenerate.
import { mkdir, writeFile } from 'node:fs/promises';
import sharp from 'sharp';

const out = new URL('../sample/', import.meta.url);
await mkdir(out, { recursive: true });
const file = (name) => new URL(name, out);

// A photo-like landscape: sky gradient, sun, layered hills, then grain so it compresses like a photo.
const W = 1600, H = 1067;
const landscape = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#1d3b6e"/><stop offset="0.55" stop-color="#f08a4b"/><stop offset="1" stop-color="#ffd59a"/>
    </linearGradient>
    <radialGradient id="sun"><stop offset="0" stop-color="#fff6d5"/><stop offset="1" stop-color="#ffb347" stop-opacity="0"/></radialGradient>
  </defs>
  <rect width="100%" height="100%" fill="url(#sky)"/>
  <circle cx="1120" cy="560" r="260" fill="url(#sun)"/>
  <circle cx="1120" cy="560" r="90" fill="#fff3c4"/>
  <path d="M0 700 C 250 560, 450 640, 700 600 S 1200 520, 1600 640 L1600 1067 L0 1067 Z" fill="#6b4a6e"/>
  <path d="M0 820 C 300 720, 600 820, 900 760 S 1400 700, 1600 780 L1600 1067 L0 1067 Z" fill="#3e3452"/>
  <path d="M0 940 C 400 860, 800 960, 1200 900 S 1500 880, 1600 900 L1600 1067 L0 1067 Z" fill="#1f1c2c"/>
</svg>`;
const grain = await sharp({ create: { width: W, height: H, channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 18 } } })
  .png().toBuffer();
await sharp(Buffer.from(landscape))
  .composite([{ input: grain, blend: 'overlay' }])
  .jpeg({ quality: 82, mozjpeg: true })
  .withMetadata({ exif: { IFD0: { Copyright: 'Loupe sample, CC0', Artist: 'Loupe' } } })
  .toFile(file('photo.jpg').pathname);

// A portrait crop of the same scene, for crop and focus demos.
await sharp(file('photo.jpg').pathname).extract({ left: 900, top: 100, width: 600, height: 900 })
  .jpeg({ quality: 82 }).toFile(file('portrait.jpg').pathname);

// A PNG with alpha: a rounded badge with a soft shadow on transparency.
const badge = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512">
  <defs><filter id="s"><feGaussianBlur stdDeviation="12"/></filter></defs>
  <circle cx="266" cy="270" r="200" fill="#000" opacity="0.35" filter="url(#s)"/>
  <circle cx="256" cy="256" r="200" fill="#2f7de1"/>
  <circle cx="256" cy="256" r="120" fill="none" stroke="#fff" stroke-width="36"/>
  <line x1="340" y1="340" x2="430" y2="430" stroke="#fff" stroke-width="44" stroke-linecap="round"/>
</svg>`;
await sharp(Buffer.from(badge)).png({ compressionLevel: 9, palette: true }).toFile(file('logo.png').pathname);

// An animated GIF: 12 frames of a dot going round.
const frames = [];
for (let i = 0; i < 12; i++) {
  const a = (i / 12) * 2 * Math.PI;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160">
    <rect width="160" height="160" fill="#f4f1ea"/>
    <circle cx="80" cy="80" r="56" fill="none" stroke="#d9d2c3" stroke-width="10"/>
    <circle cx="${80 + 56 * Math.cos(a)}" cy="${80 + 56 * Math.sin(a)}" r="16" fill="#e4572e"/></svg>`;
  frames.push(await sharp(Buffer.from(svg)).png().toBuffer());
}
await sharp(frames, { join: { animated: true } }).gif({ delay: 80, loop: 0 }).toFile(file('spinner.gif').pathname);

// An SVG (served as is unless a raster format is asked for) and a CSS file (passed through).
await writeFile(file('icon.svg'), `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
  <circle cx="28" cy="28" r="18" fill="none" stroke="#2f7de1" stroke-width="6"/>
  <line x1="41" y1="41" x2="56" y2="56" stroke="#2f7de1" stroke-width="7" stroke-linecap="round"/>
</svg>
`);
await writeFile(file('style.css'), `/* Served unchanged by Loupe: non-media files pass through. */
.hero { background: url(/sample/tr:w-1200,q-70/photo.jpg) center / cover; min-height: 60vh; }
.logo { width: 64px; height: 64px; background: url(/sample/tr:w-64,h-64/logo.png); }
`);
console.log('sample written to', out.pathname);
