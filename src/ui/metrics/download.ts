/** Saves a string or Blob as a file through a temporary link (works offline, triggers a normal download). */
export function saveFile(name: string, content: string | Blob, type = 'text/plain;charset=utf-8'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file-name stem from the loaded files: "binary-breast-cancer" or "a+b". */
export function fileStem(names: string[]): string {
  const stems = names.map((n) => n.replace(/\.[^.]+$/, ''));
  return (stems.join('+') || 'metrics').replace(/[^A-Za-z0-9._+-]+/g, '-').slice(0, 80);
}
