// Writes the .xlsb fixtures of tests/xlsb.rs with SheetJS (npm xlsx 0.18.5).
const XLSX = require('xlsx');
const fs = require('fs');
const [,, src, outdir] = process.argv;
// 1. data/2023.csv as a workbook of one sheet.
const csv = fs.readFileSync(src + '/data/2023.csv', 'utf8');
const wb = XLSX.read(csv, { type: 'string' });
wb.SheetNames[0] = '2023'; wb.Sheets['2023'] = wb.Sheets[Object.keys(wb.Sheets)[0]];
for (const k of Object.keys(wb.Sheets)) if (k !== '2023') delete wb.Sheets[k];
XLSX.writeFile(wb, outdir + '/2023.xlsb', { bookType: 'xlsb', bookSST: true });
// 2. The form of tests/data/workbooks/README.md.
const form = [
  ['泉州市2023年生态环境保护指标填报表（晋江市）'],
  ['填报单位：晋江市生态环境局', null, '填报日期：2024年1月15日'],
  ['县市区', '森林覆盖率(%)', '单位GDP能耗降低率（%）', '绿盈乡村比例'],
  [null, '（%）', '（%）', '（%）'],
  ['晋江市', 58.1, 8.5, 76.2],
  [],
  ['填表人：张三', '审核人：李四', '联系电话：0595-12345678'],
];
const f = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(f, XLSX.utils.aoa_to_sheet(form), '填报表');
XLSX.writeFile(f, outdir + '/form-2023.xlsb', { bookType: 'xlsb' });
// 3. Cells as offices type them: a percentage-formatted value, a date, and a value tests/xlsb.rs
// turns into a formula (SheetJS writes no formulas to .xlsb).
const s = XLSX.utils.aoa_to_sheet([
  ['county', 'indicator', 'value', 'year'],
  ['晋江市', 'forest_coverage', 0.581, 2023],
  ['南安市', 'forest_coverage', 60, 2023],
  ['石狮市', 'forest_coverage', 45306, 2023],
]);
s['C2'].z = '0.0%';
s['C4'].z = 'yyyy-mm-dd';
const c = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(c, s, '2023');
XLSX.writeFile(c, outdir + '/cells-2023.xlsb', { bookType: 'xlsb', cellStyles: true, bookSST: true });
// 4. Two sheets, the first hidden: SheetJS opens on the visible one (tests/xlsb.rs makes the hidden
// one active).
const h = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(h, XLSX.utils.aoa_to_sheet([['county', 'beautiful_bays'], ['全市', 99]]), 'old');
XLSX.utils.book_append_sheet(h, XLSX.utils.aoa_to_sheet([['county', 'beautiful_bays'], ['全市', 10]]), '2023');
h.Workbook = { Sheets: [{ Hidden: 1 }, { Hidden: 0 }] };
XLSX.writeFile(h, outdir + '/sheets-2023.xlsb', { bookType: 'xlsb' });
