/*
 * The 8042 keyboard controller, as far as guests use it without a
 * keyboard: status and command byte, self tests, the output port
 * with A20 and the reset line, and a keyboard that acknowledges its
 * commands. No mouse is attached.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

enum {
	Data = 0x60,
	Cmd = 0x64,
	Irq = 1,
	Nq = 8,

	/* status */
	Obf = 1<<0,
	Sysflag = 1<<2,
	Lastcmd = 1<<3,
	Unlocked = 1<<4,

	/* command byte */
	Kbdint = 1<<0,
	Cbsys = 1<<2,
	Kbddis = 1<<4,
	Auxdis = 1<<5,
	Xlate = 1<<6,

	/* output port */
	Noreset = 1<<0,
	A20 = 1<<1,

	/* keyboard replies */
	Ack = 0xfa,
	Passed = 0xaa,
};

static uchar q[Nq];
static int nq;
static uchar last;		/* what an empty buffer reads */
static uchar cmdbyte;
static uchar outport;
static int lastcmd;
static int wantcmdbyte;
static int wantoutport;
static int kbdwantarg;

static void
update(void)
{
	irqline(Irq, nq > 0 && (cmdbyte & Kbdint));
}

static void
reply(uchar v)
{
	if(nq < Nq)
		q[nq++] = v;
}

static void
setoutport(uchar v)
{
	outport = v | Noreset;
	if((v & Noreset) == 0)
		guestreset();
}

static void
command(uchar c)
{
	switch(c){
	case 0x20:
		reply(cmdbyte);
		break;
	case 0x60:
		wantcmdbyte = 1;
		break;
	case 0xa7:
		cmdbyte |= Auxdis;
		break;
	case 0xa8:
		cmdbyte &= ~Auxdis;
		break;
	case 0xa9:		/* aux interface test: clock line stuck low */
		reply(0x01);
		break;
	case 0xaa:
		cmdbyte |= Cbsys;
		reply(0x55);
		break;
	case 0xab:
		reply(0x00);
		break;
	case 0xad:
		cmdbyte |= Kbddis;
		break;
	case 0xae:
		cmdbyte &= ~Kbddis;
		break;
	case 0xc0:
		reply(0x00);
		break;
	case 0xd0:
		reply(outport);
		break;
	case 0xd1:
		wantoutport = 1;
		break;
	case 0xdd:
		outport &= ~A20;
		break;
	case 0xdf:
		outport |= A20;
		break;
	default:
		/* 0xf0-0xff pulse the output port lines whose bits are clear */
		if(c >= 0xf0 && (c & Noreset) == 0)
			guestreset();
	}
}

static void
kbdcommand(uchar c)
{
	if(kbdwantarg){
		kbdwantarg = 0;
		reply(Ack);
		return;
	}
	switch(c){
	case 0xff:
		reply(Ack);
		reply(Passed);
		break;
	case 0xf2:
		reply(Ack);
		reply(0xab);
		reply(0x83);
		break;
	case 0xee:
		reply(0xee);
		break;
	case 0xed:	/* LEDs */
	case 0xf3:	/* typematic rate */
	case 0xf0:	/* scan code set */
		kbdwantarg = 1;
		reply(Ack);
		break;
	default:
		reply(Ack);
	}
}

static u64int
kbdin(Iodev *d, uvlong port, int size)
{
	uchar v;

	if(port == Cmd){
		v = Unlocked;
		if(nq > 0)
			v |= Obf;
		if(cmdbyte & Cbsys)
			v |= Sysflag;
		if(lastcmd)
			v |= Lastcmd;
		return v;
	}
	if(nq > 0){
		last = q[0];
		memmove(q, q+1, --nq);
		update();
	}
	return last;
}

static void
kbdout(Iodev *d, uvlong port, int size, u64int val)
{
	lastcmd = port == Cmd;
	if(port == Cmd){
		wantcmdbyte = 0;
		wantoutport = 0;
		command(val);
	}else if(wantcmdbyte){
		wantcmdbyte = 0;
		cmdbyte = val;
	}else if(wantoutport){
		wantoutport = 0;
		setoutport(val);
	}else
		kbdcommand(val);
	update();
}

static void
reset(void)
{
	nq = 0;
	last = 0;
	cmdbyte = Kbdint | Cbsys | Xlate;
	outport = Noreset | A20;
	lastcmd = 0;
	wantcmdbyte = 0;
	wantoutport = 0;
	kbdwantarg = 0;
	update();
}

/* Two ports: 0x61 between them is the PIT's gate and speaker port (i8254.c). */
static Iodev dataio = {.name = "i8042", .base = Data, .len = 1, .read = kbdin, .write = kbdout};
static Iodev cmdio = {.name = "i8042", .base = Cmd, .len = 1, .read = kbdin, .write = kbdout};

static void
init(void)
{
	ioregister(Ioport, &dataio);
	ioregister(Ioport, &cmdio);
	reset();
}

Vdev i8042dev = {"i8042", init};
