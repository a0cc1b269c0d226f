/* Calendar arithmetic shared by gmtime and tm2sec: proleptic Gregorian, days counted from 1970-01-01. */
extern	vlong	_daystoyear(vlong);
extern	int	_daystomonth(int, int);
extern	vlong	_floordiv(vlong, vlong);
