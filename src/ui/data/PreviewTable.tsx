import { ScrollBox } from '../components/ScrollBox';
/** The first rows of the file, as written, so a person can see what the parser saw. */
export function PreviewTable({ header, rows, rowLines }: { header: string[]; rows: string[][]; rowLines: number[] }) {
  return (
    <ScrollBox label="First rows">
      <table className="data" data-testid="preview-table">
        <thead>
          <tr>
            <th scope="col" className="muted" title="Line in the file (the header is line 1)">line</th>
            {header.map((h) => (
              <th key={h} scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              <td className="muted num">{rowLines[i]}</td>
              {row.map((cell, j) => (
                <td key={j}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
