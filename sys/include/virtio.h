/*
 * Virtio 1.1 (OASIS, csprd01) as the wire sees it: the numbers a
 * device and its driver share. vmx(1) implements the devices, the
 * vmx(1) test guests drive them. Section numbers are the spec's.
 */
enum {
	/* device ids (5) */
	Vidnet		= 1,
	Vidblk		= 2,
	Vidcons		= 3,
	Vidrng		= 4,

	/* device status (2.1) */
	Vsack		= 1,
	Vsdriver	= 2,
	Vsdriverok	= 4,
	Vsfeaturesok	= 8,
	Vsneedsreset	= 64,
	Vsfailed	= 128,

	/* split virtqueues (2.6): descriptor flags, VIRTQ_AVAIL_F_NO_INTERRUPT */
	Vdnext		= 1,
	Vdwrite		= 2,
	Vdindirect	= 4,
	Vdescsz		= 16,
	Vanointr	= 1,
	Vnovector	= 0xffff,	/* no MSI-X vector (4.1.4.3) */

	/* PCI (4.1): ids, vendor capabilities' cfg_type, ISR bits */
	Vpcivendor	= 0x1af4,
	Vpcidevbase	= 0x1040,	/* device id = this + virtio device id */
	Vcapcommon	= 1,
	Vcapnotify	= 2,
	Vcapisr		= 3,
	Vcapdevice	= 4,
	Vcappcicfg	= 5,	/* a window on the BARs through configuration space */
	Visrqueue	= 1<<0,
	Visrconfig	= 1<<1,

	/* common configuration (4.1.4.3) */
	Vcdfsel		= 0x00,
	Vcdf		= 0x04,
	Vcgfsel		= 0x08,
	Vcgf		= 0x0c,
	Vcmsix		= 0x10,
	Vcnumq		= 0x12,
	Vcstatus	= 0x14,
	Vcgen		= 0x15,
	Vcqsel		= 0x16,
	Vcqsize		= 0x18,
	Vcqmsix		= 0x1a,
	Vcqenable	= 0x1c,
	Vcqnotify	= 0x1e,
	Vcqdesc		= 0x20,
	Vcqavail	= 0x28,
	Vcqused		= 0x30,
	Vcommonlen	= 0x38,

	/* block device (5.2): request types, status, configuration */
	Vblkin		= 0,
	Vblkout		= 1,
	Vblkflush	= 4,
	Vblkgetid	= 8,
	Vblkok		= 0,
	Vblkioerr	= 1,
	Vblkunsupp	= 2,
	Vblkhdrlen	= 16,	/* type, reserved, sector */
	Vblkidlen	= 20,
	Vblksector	= 512,
	Vblkcapacity	= 0,
	Vblksegmax	= 12,

	/* network card (5.1): virtio_net_hdr with num_buffers, configuration */
	Vnethdrlen	= 12,
	Vnetnumbufs	= 10,
	Vnetmac		= 0,
	Vnetstatus	= 6,
	Vnetlinkup	= 1,
};

/* feature bits (6, 5.2.3, 5.1.3) */
#define Vfindirect	(1ULL<<28)
#define Vfeventidx	(1ULL<<29)
#define Vfversion1	(1ULL<<32)
#define Vfblksizemax	(1ULL<<1)
#define Vfblksegmax	(1ULL<<2)
#define Vfblkro		(1ULL<<5)
#define Vfblkflush	(1ULL<<9)
#define Vfnetmac	(1ULL<<5)
#define Vfnetstatus	(1ULL<<16)
