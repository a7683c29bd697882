// The cartesian partial build ships no typings; it has the API of @types/plotly.js (see loadPlotly.ts).
declare module 'plotly.js-cartesian-dist-min' {
  const Plotly: unknown;
  export default Plotly;
}
