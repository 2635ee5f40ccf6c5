/**
 * Files from a drop or a picker, folders included (a researcher's folder of downloads). Inside a folder, hidden
 * entries are skipped and, when `keep` is given, only the files it accepts are taken (as the CLI walks folders);
 * a file's name is its path relative to the dropped / chosen folder, as the CLI names it.
 */

interface FsEntry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
}
interface FsFileEntry extends FsEntry {
  file(ok: (f: File) => void, fail: (e: unknown) => void): void;
}
interface FsDirEntry extends FsEntry {
  createReader(): { readEntries(ok: (es: FsEntry[]) => void, fail: (e: unknown) => void): void };
}

function renamed(f: File, name: string): File {
  return name === f.name ? f : new File([f], name, { type: f.type, lastModified: f.lastModified });
}

/** "corpus/sub/a.txt" → "sub/a.txt" (relative to the chosen folder). */
export function relativeToFolder(path: string): string {
  const parts = path.replace(/^\/+/, '').split('/');
  return parts.length > 1 ? parts.slice(1).join('/') : parts[0]!;
}

async function walk(entry: FsEntry, keep: (name: string) => boolean, out: File[], skipped: string[]): Promise<void> {
  if (entry.name.startsWith('.')) return;
  if (entry.isFile) {
    const f = await new Promise<File>((ok, fail) => (entry as FsFileEntry).file(ok, fail));
    const name = relativeToFolder(entry.fullPath);
    if (keep(name)) out.push(renamed(f, name));
    else skipped.push(name);
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FsDirEntry).createReader();
  const children: FsEntry[] = [];
  for (;;) {
    const batch = await new Promise<FsEntry[]>((ok, fail) => reader.readEntries(ok, fail));
    if (!batch.length) break;
    children.push(...batch);
  }
  children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const c of children) await walk(c, keep, out, skipped);
}

/** Files of a drop; dropped folders are walked. Loose files are always taken (the caller says why one is refused). */
export async function filesFromDrop(dt: DataTransfer, keep: (name: string) => boolean): Promise<{ files: File[]; skipped: string[] }> {
  const files: File[] = [];
  const skipped: string[] = [];
  const entries: FsEntry[] = [];
  const loose: File[] = [];
  for (const item of [...dt.items]) {
    if (item.kind !== 'file') continue;
    const e = (item as DataTransferItem & { webkitGetAsEntry?: () => FsEntry | null }).webkitGetAsEntry?.();
    if (e?.isDirectory) entries.push(e);
    else {
      const f = item.getAsFile();
      if (f) loose.push(f);
    }
  }
  if (!entries.length && !loose.length) loose.push(...dt.files);
  files.push(...loose);
  for (const e of entries) await walk(e, keep, files, skipped);
  return { files, skipped };
}

/** Files of an <input type=file webkitdirectory>: named relative to the folder, filtered like a folder walk. */
export function filesFromFolderInput(list: FileList | null, keep: (name: string) => boolean): { files: File[]; skipped: string[] } {
  const files: File[] = [];
  const skipped: string[] = [];
  for (const f of [...(list ?? [])]) {
    const path = (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
    if (path.split('/').some((p) => p.startsWith('.'))) continue;
    const name = relativeToFolder(path);
    if (keep(name)) files.push(renamed(f, name));
    else skipped.push(name);
  }
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { files, skipped };
}
