// Reading back what the app wrote, to prove client data is not there in plaintext.
import { readdir } from 'node:fs/promises';
import path from 'node:path';

export async function filesBelow(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesBelow(p)));
    else if (entry.isFile()) out.push(p);
  }
  return out;
}

export function containsMarker(bytes, marker) {
  const forms = [Buffer.from(marker, 'utf8'), Buffer.from(marker, 'utf16le')];
  return forms.some((f) => bytes.indexOf(f) !== -1);
}
