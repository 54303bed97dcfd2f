export { readIifText, readIifFile, readIifBytes } from './iif-reader';
export { writeIif, type IifWriteOptions } from './iif-writer';
export { parseIifFileName, type IifFileName } from './iif-file-name';
export { parseIifDate, formatIifDate } from './iif-date';
