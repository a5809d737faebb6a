/** Voucher numbering (`voucher_series`): the voucher engine takes numbers, the settings set prefixes. */
export { currentPrefixes, previewVoucherNumber, setPrefix, takeVoucherNumber, type SeriesType } from './numbering';
