package pathtracer

import (
	"encoding/json"
	"unicode"
	"unicode/utf8"
)

// jsonPath names a place in a glTF document whose elements are counted
// before the document is decoded: an array (nodes), or an object inside one
// (a node) whose own arrays are counted (its children).
type jsonPath uint8

const (
	pOther jsonPath = iota // not counted
	pRoot
	pNodes
	pNode
	pChildren
	pMeshes
	pMesh
	pPrimitives
	pAccessors
	pBufferViews
	pBuffers
	pMaterials
	pTextures
	pImages
	pSamplers
	pCameras
	pScenes
	pScene
	pSceneNodes
	pSkins
	pAnimations
	pAnimation
	pChannels
	pAnimSamplers
	pRootExtensions
	pLightsExt
	pLights
	numPaths
)

// jsonKeys maps, for each counted object, the folded keys of its counted
// members to their paths. Keys are folded as encoding/json matches struct
// fields (case-insensitively, "NoDeS" decodes into Nodes), so no spelling
// slips a big array past the count.
var jsonKeys = map[jsonPath]map[string]jsonPath{
	pRoot: {
		"NODES": pNodes, "MESHES": pMeshes, "ACCESSORS": pAccessors,
		"BUFFERVIEWS": pBufferViews, "BUFFERS": pBuffers, "MATERIALS": pMaterials,
		"TEXTURES": pTextures, "IMAGES": pImages, "SAMPLERS": pSamplers,
		"CAMERAS": pCameras, "SCENES": pScenes, "SKINS": pSkins,
		"ANIMATIONS": pAnimations, "EXTENSIONS": pRootExtensions,
	},
	pNode:           {"CHILDREN": pChildren},
	pMesh:           {"PRIMITIVES": pPrimitives},
	pScene:          {"NODES": pSceneNodes},
	pAnimation:      {"CHANNELS": pChannels, "SAMPLERS": pAnimSamplers},
	pRootExtensions: {"KHR_LIGHTS_PUNCTUAL": pLightsExt},
	pLightsExt:      {"LIGHTS": pLights},
}

// jsonElems maps a counted array to the path of its elements.
var jsonElems = map[jsonPath]jsonPath{
	pNodes: pNode, pMeshes: pMesh, pScenes: pScene, pAnimations: pAnimation,
}

// scanFrame is one open object or array.
type scanFrame struct {
	array   bool
	path    jsonPath
	extras  bool     // inside an "extras" value
	keyPath jsonPath // object: the path of the member whose key was just read
	keyExt  bool     // object: that key was "extras"
	wantKey bool     // object: the next string is a key
}

// jsonCounts is what scanJSON counted.
type jsonCounts struct {
	elems  [numPaths]int64 // elements of each counted array
	values int64
	extras int64
	deep   bool // nesting went past the limit; counting stopped there
}

// scanJSON counts the elements of a glTF JSON document's arrays and all its
// values in one pass over the bytes, without decoding them and with memory
// bounded by the nesting limit and the longest key, so a document of ten million empty nodes
// is refused before the decoder allocates ten million nodes. It reads the
// first JSON value only, as the decoder does, and it does not validate:
// malformed input is left for the decoder to reject. It counts at least
// what the decoder would decode, never less.
func scanJSON(data []byte, maxDepth int) jsonCounts {
	var (
		c     jsonCounts
		stack []scanFrame
		key   []byte // reused buffer for folded keys
	)
	i := 0
	for i < len(data) {
		ch := data[i]
		switch ch {
		case ' ', '\t', '\r', '\n', ':':
			i++
			continue
		case ',':
			if n := len(stack); n > 0 && !stack[n-1].array {
				stack[n-1].wantKey = true
			}
			i++
			continue
		case '}', ']':
			if len(stack) == 0 {
				return c // stray closer: malformed, the decoder says so
			}
			stack = stack[:len(stack)-1]
			i++
			if len(stack) == 0 {
				return c
			}
			continue
		}
		// A string, number, literal, object or array starts here.
		if n := len(stack); n > 0 && !stack[n-1].array && stack[n-1].wantKey && ch == '"' {
			end := stringEnd(data, i)
			key = foldKey(key[:0], data[i:end])
			top := &stack[n-1]
			top.keyPath = jsonKeys[top.path][string(key)]
			top.keyExt = string(key) == "EXTRAS"
			top.wantKey = false
			i = end
			continue
		}
		child, extras := pOther, false
		if n := len(stack); n > 0 {
			top := &stack[n-1]
			extras = top.extras
			if top.array {
				c.elems[top.path]++
				child = jsonElems[top.path]
			} else {
				child = top.keyPath
				extras = extras || top.keyExt
			}
		} else if ch == '{' {
			child = pRoot
		}
		c.values++
		if extras {
			c.extras++
		}
		switch ch {
		case '{', '[':
			if len(stack) >= maxDepth {
				c.deep = true
				return c
			}
			stack = append(stack, scanFrame{array: ch == '[', path: child, extras: extras, wantKey: ch == '{'})
			i++
		case '"':
			i = stringEnd(data, i)
		default:
			// A number or literal runs to the next delimiter. Any other
			// byte is malformed; it is skipped the same way so the scan
			// always moves forward.
			i++
			for i < len(data) && !isDelim(data[i]) {
				i++
			}
		}
		if len(stack) == 0 {
			return c // a scalar document
		}
	}
	return c
}

// stringEnd returns the index just past the string starting at data[i]
// (a quote), or len(data) when it is not closed.
func stringEnd(data []byte, i int) int {
	for i++; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(data)
}

func isDelim(b byte) bool {
	switch b {
	case ' ', '\t', '\r', '\n', ',', ':', '}', ']', '{', '[', '"':
		return true
	}
	return false
}

// foldKey appends the folded form of the quoted key raw to dst: unescaped,
// and each rune mapped as encoding/json folds field names.
func foldKey(dst, raw []byte) []byte {
	s := raw
	if len(s) >= 2 {
		s = s[1 : len(s)-1]
	}
	for _, b := range s {
		if b == '\\' {
			var u string
			if json.Unmarshal(raw, &u) != nil {
				return append(dst, "\x00invalid"...) // matches no key
			}
			s = []byte(u)
			break
		}
	}
	for len(s) > 0 {
		if b := s[0]; b < utf8.RuneSelf {
			if 'a' <= b && b <= 'z' {
				b -= 'a' - 'A'
			}
			dst = append(dst, b)
			s = s[1:]
			continue
		}
		r, size := utf8.DecodeRune(s)
		dst = utf8.AppendRune(dst, unicode.ToUpper(unicode.ToLower(r)))
		s = s[size:]
	}
	return dst
}

// check refuses counts over lim, naming the first thing that is over.
func (c *jsonCounts) check(lim Limits) error {
	if c.deep {
		return &LimitError{What: "levels of JSON nesting", Have: int64(lim.JSONDepth), Limit: int64(lim.JSONDepth), AtLeast: true}
	}
	for _, k := range []struct {
		what  string
		have  int64
		limit int
	}{
		{"nodes", c.elems[pNodes], lim.Nodes},
		{"meshes", c.elems[pMeshes], lim.Meshes},
		{"mesh primitives", c.elems[pPrimitives], lim.Primitives},
		{"accessors", c.elems[pAccessors], lim.Accessors},
		{"buffer views", c.elems[pBufferViews], lim.BufferViews},
		{"buffers", c.elems[pBuffers], lim.Buffers},
		{"materials", c.elems[pMaterials], lim.Materials},
		{"textures", c.elems[pTextures], lim.Textures},
		{"images", c.elems[pImages], lim.Images},
		{"samplers", c.elems[pSamplers], lim.Samplers},
		{"cameras", c.elems[pCameras], lim.Cameras},
		{"scenes", c.elems[pScenes], lim.Scenes},
		{"skins", c.elems[pSkins], lim.Skins},
		{"lights", c.elems[pLights], lim.Lights},
		{"animations", c.elems[pAnimations], lim.Animations},
		{"animation channels", c.elems[pChannels], lim.Channels},
		{"animation samplers", c.elems[pAnimSamplers], lim.Channels},
		{"node children", c.elems[pChildren], lim.Children},
		{"scene root nodes", c.elems[pSceneNodes], lim.SceneRoots},
		{"JSON values in extras", c.extras, lim.ExtrasValues},
		{"JSON values", c.values, lim.JSONValues},
	} {
		if err := over(k.what, k.have, int64(k.limit)); err != nil {
			return err
		}
	}
	return nil
}
