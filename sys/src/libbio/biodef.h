/* Shared by the libbio implementation. */
extern	int	_Bfill(Biobuf*);
