package gossip

import (
	"strings"
	"testing"

	"github.com/conun/conun/farm/api"
)

func TestNodeMetaLimit(t *testing.T) {
	m := api.NodeMeta{ID: "n", API: "http://127.0.0.1:1", Renderers: map[string]string{"pathtracer": "pt-1"}}
	if _, err := encodeMeta(m); err != nil {
		t.Fatal(err)
	}
	m.API = strings.Repeat("x", 600)
	if _, err := encodeMeta(m); err == nil {
		t.Fatal("oversized meta accepted; memberlist would panic on it")
	}
}
