import { GRID_WIDTH_PX } from "../grid-geometry";

/** The page's own styles (uPlot's stylesheet is inlined beside them). Fixed width: screenshots are the same everywhere. */
export const PAGE_STYLE = `
*{box-sizing:border-box}
body{margin:0;padding:16px;background:#f2f3f3;color:#16191f;font:13px/1.4 "DejaVu Sans",Arial,Helvetica,sans-serif;width:${GRID_WIDTH_PX + 32}px}
header.preview{margin:0 0 12px}
header.preview h1{font-size:20px;margin:0 0 4px}
header.preview p{margin:2px 0;color:#414750}
header.preview .badge{display:inline-block;background:#fff3cd;border:1px solid #e0c36b;border-radius:3px;padding:0 6px;margin-right:6px;font-size:12px}
#grid{position:relative;width:${GRID_WIDTH_PX}px}
.widget{position:absolute}
.card{position:absolute;inset:4px;display:flex;flex-direction:column;background:#fff;border:1px solid #d5dbdb;border-radius:2px;padding:6px 8px;overflow:hidden}
.widget.transparent .card{background:transparent;border-color:transparent}
.widget-title{font-size:14px;margin:0 0 4px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;flex:none}
.chart{flex:1 1 auto;min-height:0;position:relative}
.alarm-spans,.notes{flex:none;list-style:none;margin:2px 0 0;padding:0;font-size:11px;max-height:30px;overflow:hidden}
.alarm-spans li{display:inline-block;margin-right:10px;color:#d13212}
.alarm-spans li.lead{font-weight:bold;margin-right:6px}
.notes li{color:#6b5b00}
.notes li::before{content:"≈ ";font-weight:bold}
.u-legend{font-size:11px;line-height:1.2;max-height:48px;overflow:hidden;text-align:left}
.u-legend .u-series{padding:0 6px 0 0}
.u-legend .u-series > *{padding:1px}
.markdown{overflow:auto;flex:1}
.markdown h1{font-size:18px;margin:2px 0 6px}
.markdown p{margin:4px 0}
.markdown a{color:#0073bb}
.tiles{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:3px;
  overflow:auto;flex:1;align-content:start}
.tile{display:flex;gap:6px;align-items:center;border-left:4px solid #879596;background:#f8f8f8;padding:2px 4px;font-size:11px;min-width:0}
.tile .state{font-weight:bold;flex:none;width:70px}
.tile .name{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.tile.state-ALARM{border-color:#d13212;background:#fde8e4}.tile.state-ALARM .state{color:#d13212}
.tile.state-OK{border-color:#1d8102}.tile.state-OK .state{color:#1d8102}
.tile.state-INSUFFICIENT_DATA .state,.tile.state-UNKNOWN .state{color:#545b64}
.single-values{display:flex;flex-wrap:wrap;gap:16px;align-items:center;flex:1}
.single-value{display:flex;flex-direction:column}
.single-value .value{font-size:32px;font-weight:bold}
.single-value .label{font-size:12px;color:#545b64}
.log-groups{margin:0 0 2px;font-size:11px;flex:none;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.log-groups code{background:#f2f3f3;padding:0 3px;margin-right:4px}
.query-text{flex:none;font-size:11px}
.query{margin:2px 0;font-size:11px;background:#f8f8f8;padding:4px;white-space:pre-wrap;overflow:auto;flex:none;max-height:100%}
.log-summary{margin:2px 0;font-size:11px;color:#545b64;flex:none}
.log-table{flex:1;min-height:0;overflow:auto}
.log-table table{border-collapse:collapse;font-size:11px;width:100%}
.log-table th,.log-table td{border-bottom:1px solid #eaeded;padding:1px 4px;text-align:left;vertical-align:top;max-width:560px;
  overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.log-table th{position:sticky;top:0;background:#fafafa}
.repeats{color:#545b64}
.not-evaluated{color:#6b5b00;font-weight:bold}
.unrendered{flex:1;display:flex;flex-direction:column;justify-content:center;align-items:center;border:2px dashed #aab7b8;color:#545b64}
.unrendered-type{font-weight:bold;margin:0}
.unrendered-reason{margin:4px 0 0;text-align:center}
`;
