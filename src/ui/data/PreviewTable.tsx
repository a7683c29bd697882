import { useState } from 'react';
import { EXCERPT_CHARS, truncateText } from '../../core/text/excerpt';
import { ScrollBox } from '../components/ScrollBox';

/** A cell cut to a short excerpt (a 50 MB cell must not become 50 MB of page text); the whole value on demand. */
function PreviewCell({ text }: { text: string }) {
  const [whole, setWhole] = useState(false);
  if (whole || text.length <= EXCERPT_CHARS) return <td>{text}</td>;
  return (
    <td data-testid="preview-cell-cut">
      {truncateText(text)}{' '}
      <button type="button" className="link" onClick={() => setWhole(true)} aria-label={`Show the whole value (${text.length.toLocaleString('en-US')} characters)`}>
        show all {text.length.toLocaleString('en-US')} characters
      </button>
    </td>
  );
}

/** The first rows of the file, as written, so a person can see what the parser saw. */
export function PreviewTable({ header, rows, rowLines }: { header: string[]; rows: string[][]; rowLines: number[] }) {
  return (
    <ScrollBox label="First rows">
      <table className="data" data-testid="preview-table">
        <thead>
          <tr>
            <th scope="col" className="muted" title="Line in the file (the header is line 1)">line</th>
            {header.map((h) => (
              <th key={h} scope="col">{truncateText(h)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              <td className="muted num">{rowLines[i]}</td>
              {row.map((cell, j) => (
                <PreviewCell key={j} text={cell} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
