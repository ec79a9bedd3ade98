package pathtracer

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/qmuntal/gltf"
)

// accessorData is a checked accessor: its elements lie in view at
// acr.ByteOffset + e*stride, each comps components of csize bytes.
type accessorData struct {
	acr                 *gltf.Accessor
	view                []byte
	stride              int
	count, comps, csize int
}

// checkAccessor finds accessor i's bytes. It is our own reader rather than
// modeler.ReadAccessor because a scene comes from outside the process:
// every count, offset and stride is checked against the bytes that are
// really there before anything is allocated, so a tiny file cannot ask for
// gigabytes or index out of range.
func checkAccessor(doc *gltf.Document, i int) (a accessorData, err error) {
	if i < 0 || i >= len(doc.Accessors) || doc.Accessors[i] == nil {
		return a, fmt.Errorf("accessor %d does not exist", i)
	}
	acr := doc.Accessors[i]
	switch acr.Type {
	case gltf.AccessorScalar, gltf.AccessorVec2, gltf.AccessorVec3, gltf.AccessorVec4:
	default:
		return a, fmt.Errorf("accessor %d: type %v is not supported here", i, acr.Type)
	}
	comps := acr.Type.Components()
	if acr.Sparse != nil {
		return a, fmt.Errorf("accessor %d: sparse accessors are not supported", i)
	}
	if acr.BufferView == nil {
		return a, fmt.Errorf("accessor %d has no bufferView", i)
	}
	if acr.Count < 0 {
		return a, fmt.Errorf("accessor %d: negative count %d", i, acr.Count)
	}
	bvi := *acr.BufferView
	if bvi < 0 || bvi >= len(doc.BufferViews) || doc.BufferViews[bvi] == nil {
		return a, fmt.Errorf("accessor %d: bufferView %d does not exist", i, bvi)
	}
	bv := doc.BufferViews[bvi]
	if bv.Buffer < 0 || bv.Buffer >= len(doc.Buffers) || doc.Buffers[bv.Buffer] == nil {
		return a, fmt.Errorf("bufferView %d: buffer %d does not exist", bvi, bv.Buffer)
	}
	data := doc.Buffers[bv.Buffer].Data
	if bv.ByteOffset < 0 || bv.ByteLength < 0 || bv.ByteOffset > len(data) || bv.ByteLength > len(data)-bv.ByteOffset {
		return a, fmt.Errorf("bufferView %d: bytes %d+%d lie outside buffer %d (%d bytes)", bvi, bv.ByteOffset, bv.ByteLength, bv.Buffer, len(data))
	}
	view := data[bv.ByteOffset : bv.ByteOffset+bv.ByteLength]

	csize := 0
	switch acr.ComponentType {
	case gltf.ComponentByte, gltf.ComponentUbyte:
		csize = 1
	case gltf.ComponentShort, gltf.ComponentUshort:
		csize = 2
	case gltf.ComponentUint, gltf.ComponentFloat:
		csize = 4
	}
	if csize == 0 {
		return a, fmt.Errorf("accessor %d: component type %v is not supported", i, acr.ComponentType)
	}
	elem := csize * comps
	stride := bv.ByteStride
	if stride == 0 {
		stride = gltf.SizeOfElement(acr.ComponentType, acr.Type)
	}
	if stride < elem || stride > 252 {
		return a, fmt.Errorf("accessor %d: byte stride %d is invalid for %d-byte elements", i, stride, elem)
	}
	a = accessorData{acr: acr, view: view, stride: stride, count: acr.Count, comps: comps, csize: csize}
	if acr.Count == 0 {
		return a, nil
	}
	// Compare before multiplying, so a huge count cannot overflow the check.
	if acr.ByteOffset < 0 || acr.ByteOffset > len(view) || acr.Count > (len(view)-acr.ByteOffset)/stride+1 ||
		acr.ByteOffset+stride*(acr.Count-1)+elem > len(view) {
		return accessorData{}, fmt.Errorf("accessor %d: %d elements do not fit in bufferView %d (%d bytes)", i, acr.Count, bvi, len(view))
	}
	return a, nil
}

// readAccessor decodes accessor i into a flat slice of count*components
// float64 values.
func readAccessor(doc *gltf.Document, i int) (vals []float64, comps int, err error) {
	a, err := checkAccessor(doc, i)
	if err != nil {
		return nil, 0, err
	}
	if a.count == 0 {
		return nil, a.comps, nil
	}
	acr, view, stride, csize, comps := a.acr, a.view, a.stride, a.csize, a.comps
	vals = make([]float64, acr.Count*comps)
	for e := 0; e < acr.Count; e++ {
		base := acr.ByteOffset + e*stride
		for c := 0; c < comps; c++ {
			b := view[base+c*csize:]
			var v float64
			switch acr.ComponentType {
			case gltf.ComponentFloat:
				v = float64(math.Float32frombits(binary.LittleEndian.Uint32(b)))
			case gltf.ComponentUint:
				v = float64(binary.LittleEndian.Uint32(b))
				if acr.Normalized {
					v /= math.MaxUint32
				}
			case gltf.ComponentUshort:
				v = float64(binary.LittleEndian.Uint16(b))
				if acr.Normalized {
					v /= math.MaxUint16
				}
			case gltf.ComponentShort:
				v = float64(int16(binary.LittleEndian.Uint16(b)))
				if acr.Normalized {
					v = math.Max(v/math.MaxInt16, -1)
				}
			case gltf.ComponentUbyte:
				v = float64(b[0])
				if acr.Normalized {
					v /= math.MaxUint8
				}
			case gltf.ComponentByte:
				v = float64(int8(b[0]))
				if acr.Normalized {
					v = math.Max(v/math.MaxInt8, -1)
				}
			}
			vals[e*comps+c] = v
		}
	}
	return vals, comps, nil
}

// readVectors reads accessor i as vectors of exactly want components.
func readVectors(doc *gltf.Document, i, want int) ([]float64, error) {
	vals, comps, err := readAccessor(doc, i)
	if err != nil {
		return nil, err
	}
	if comps != want {
		return nil, fmt.Errorf("accessor %d has %d components, want %d", i, comps, want)
	}
	for _, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("accessor %d holds a non-finite number", i)
		}
	}
	return vals, nil
}
