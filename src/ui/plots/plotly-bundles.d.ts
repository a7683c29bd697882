// The cartesian partial build ships no typings; it has the same API as the full one (see loadPlotly.ts).
declare module 'plotly.js-cartesian-dist-min' {
  const Plotly: unknown;
  export default Plotly;
}
