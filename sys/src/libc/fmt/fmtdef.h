/* Shared by the fmt implementation; not part of the library's interface. */

typedef int (*Fmtfn)(Fmt*);

extern	Fmtfn	_fmtlookup(Rune);
extern	int	_fmtroom(Fmt*, int);
extern	int	_fmtputs(Fmt*, char*, int);
extern	int	_fmtpad(Fmt*, int, int);
extern	int	_fmtcpy(Fmt*, void*, int, int);
extern	int	_fmtnum(Fmt*, char*, int, char*, int, int);
extern	void	_fmtstart(Fmt*, char*, char*);
extern	int	_fmtcount(Fmt*);

extern	int	_intfmt(Fmt*);
extern	int	_charfmt(Fmt*);
extern	int	_runefmt(Fmt*);
extern	int	_strfmt(Fmt*);
extern	int	_runesfmt(Fmt*);
extern	int	_quotefmt(Fmt*);
extern	int	_errfmt(Fmt*);
extern	int	_percentfmt(Fmt*);
extern	int	_fltfmt(Fmt*);
