package exr

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
)

// OpenEXR's RLE and ZIP compressors first move the even bytes of a chunk
// before the odd ones (for half and float samples, the low bytes before the
// high ones, which then sit next to each other), then replace each byte by
// its difference from the one before: smooth images become runs of small
// numbers.

// predict writes src into dst interleaved and delta-coded, as the
// compressors want it.
func predict(dst, src []byte) {
	half := (len(src) + 1) / 2
	lo, hi := dst[:half], dst[half:len(src)]
	// The first byte is coded against 128, which keeps it as it is.
	prev := byte(128)
	for i := range lo {
		b := src[2*i]
		lo[i] = b - prev + 128
		prev = b
	}
	for i := range hi {
		b := src[2*i+1]
		hi[i] = b - prev + 128
		prev = b
	}
}

// unpredict undoes predict, writing the chunk's bytes from src into dst.
func unpredict(dst, src []byte) {
	half := (len(src) + 1) / 2
	lo, hi := src[:half], src[half:]
	p := byte(128)
	for i, b := range lo {
		p += b - 128
		dst[2*i] = p
	}
	for i, b := range hi {
		p += b - 128
		dst[2*i+1] = p
	}
}

// compressor packs chunks, keeping its buffers and zlib state between them.
type compressor struct {
	c    Compression
	tmp  []byte
	out  bytes.Buffer
	zw   *zlib.Writer
	zerr error
}

// compress returns the packed form of raw, or raw itself when packing does
// not make it smaller: OpenEXR's readers take a chunk whose size is the
// unpacked size as stored, and so does Decode. The result is valid until
// the next call.
func (c *compressor) compress(raw []byte) ([]byte, error) {
	if c.c == None {
		return raw, nil
	}
	if cap(c.tmp) < len(raw) {
		c.tmp = make([]byte, len(raw))
	}
	tmp := c.tmp[:len(raw)]
	predict(tmp, raw)
	c.out.Reset()
	switch c.c {
	case RLE:
		rleEncode(&c.out, tmp)
	case ZIP, ZIPS:
		if c.zw == nil {
			// On render-like float data BestSpeed packs within 5% of
			// the higher levels in half their time.
			c.zw, c.zerr = zlib.NewWriterLevel(&c.out, zlib.BestSpeed)
		} else {
			c.zw.Reset(&c.out)
		}
		if c.zerr != nil {
			return nil, c.zerr
		}
		if _, err := c.zw.Write(tmp); err != nil {
			return nil, err
		}
		if err := c.zw.Close(); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("exr: encode: compression %v is not supported", c.c)
	}
	if c.out.Len() >= len(raw) {
		return raw, nil
	}
	return c.out.Bytes(), nil
}

// rleEncode appends src to out as OpenEXR's RLE: a run of 3 to 128 equal
// bytes is a count byte n-1 then the byte; up to 127 other bytes are a
// count byte -n then the bytes.
func rleEncode(out *bytes.Buffer, src []byte) {
	const minRun, maxRun = 3, 127
	start := 0
	for start < len(src) {
		end := start + 1
		for end < len(src) && src[end] == src[start] && end-start-1 < maxRun {
			end++
		}
		if end-start >= minRun {
			out.WriteByte(byte(end - start - 1))
			out.WriteByte(src[start])
			start = end
			continue
		}
		// A literal run ends before three equal bytes, which pack better
		// as a run.
		for end < len(src) && end-start < maxRun &&
			(end+2 >= len(src) || src[end] != src[end+1] || src[end+1] != src[end+2]) {
			end++
		}
		out.WriteByte(byte(-(end - start)))
		out.Write(src[start:end])
		start = end
	}
}

// errRLE is wrapped by rleDecode's errors.
var errRLE = errors.New("corrupt RLE data")

// rleDecode unpacks src into dst, which it must fill exactly.
func rleDecode(dst, src []byte) error {
	n := 0
	for len(src) > 0 {
		count := int(int8(src[0]))
		if count < 0 {
			count = -count
			if len(src) < 1+count || n+count > len(dst) {
				return errRLE
			}
			copy(dst[n:], src[1:1+count])
			n += count
			src = src[1+count:]
			continue
		}
		count++
		if len(src) < 2 || n+count > len(dst) {
			return errRLE
		}
		b := src[1]
		for i := range count {
			dst[n+i] = b
		}
		n += count
		src = src[2:]
	}
	if n != len(dst) {
		return errRLE
	}
	return nil
}

// decompressor unpacks chunks, keeping its buffers and zlib state between
// them.
type decompressor struct {
	c   Compression
	tmp []byte
	out []byte
	br  bytes.Reader
	zr  io.ReadCloser
}

// decompress returns the unpacked form of data, which must be exactly size
// bytes. The result is valid until the next call.
func (d *decompressor) decompress(data []byte, size int) ([]byte, error) {
	if len(data) == size {
		return data, nil
	}
	if d.c == None || len(data) > size {
		return nil, fmt.Errorf("%d bytes, want %d", len(data), size)
	}
	if cap(d.tmp) < size {
		d.tmp = make([]byte, size)
		d.out = make([]byte, size)
	}
	tmp, out := d.tmp[:size], d.out[:size]
	switch d.c {
	case RLE:
		if err := rleDecode(tmp, data); err != nil {
			return nil, err
		}
	case ZIP, ZIPS:
		if err := d.inflate(tmp, data); err != nil {
			return nil, err
		}
	}
	unpredict(out, tmp)
	return out, nil
}

// inflate fills dst from the zlib stream in data, which must hold exactly
// len(dst) bytes: a limited reader stops a forged stream from inflating
// further, and reading to the end checks zlib's checksum.
func (d *decompressor) inflate(dst, data []byte) error {
	d.br.Reset(data)
	if d.zr == nil {
		zr, err := zlib.NewReader(&d.br)
		if err != nil {
			return err
		}
		d.zr = zr
	} else if err := d.zr.(zlib.Resetter).Reset(&d.br, nil); err != nil {
		return err
	}
	lr := io.LimitReader(d.zr, int64(len(dst))+1)
	n, err := io.ReadFull(lr, dst)
	if err != nil {
		if err == io.ErrUnexpectedEOF || err == io.EOF {
			return fmt.Errorf("zlib data inflates to %d bytes, want %d", n, len(dst))
		}
		return err
	}
	var one [1]byte
	switch n, err := io.ReadFull(lr, one[:]); {
	case n > 0:
		return fmt.Errorf("zlib data inflates to more than %d bytes", len(dst))
	case err != io.EOF:
		return err
	}
	return nil
}
