const IST_DATE = new Intl.DateTimeFormat('en-IN', { timeZone: 'Asia/Kolkata', day: '2-digit', month: 'short', year: 'numeric' });
const IST_TIME = new Intl.DateTimeFormat('en-IN', { timeZone: 'Asia/Kolkata', hour: '2-digit', minute: '2-digit', hour12: false });

/** Date and time as Indian users read them (IST), for email templates. */
export function istDateTime(at: Date): { date: string; time: string } {
  return { date: IST_DATE.format(at), time: `${IST_TIME.format(at)} IST` };
}
