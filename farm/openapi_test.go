package farm

import (
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestOpenAPIMatchesRoutes keeps openapi.yaml and the route table in step:
// every client-API route is documented, and nothing documented is missing.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var doc struct {
		Paths map[string]map[string]any `yaml:"paths"`
	}
	if err := yaml.Unmarshal(OpenAPI, &doc); err != nil {
		t.Fatalf("openapi.yaml: %v", err)
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for op := range ops {
			if op != "parameters" {
				documented[strings.ToUpper(op)+" "+path] = true
			}
		}
	}
	served := map[string]bool{}
	for _, r := range apiRoutes {
		if !strings.HasPrefix(r.path, "/v1/") {
			t.Errorf("client route %s is not under /v1/", r.path)
		}
		served[r.method+" "+r.path] = true
	}
	for _, r := range rpcRoutes {
		// The token guard lets /rpc/ through: node RPC must stay there.
		if !strings.HasPrefix(r.path, "/rpc/v1/") {
			t.Errorf("node RPC route %s is not under /rpc/v1/", r.path)
		}
	}
	var missing, extra []string
	for k := range served {
		if !documented[k] {
			missing = append(missing, k)
		}
	}
	for k := range documented {
		if !served[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing)+len(extra) > 0 {
		t.Fatalf("openapi.yaml out of step with routes: undocumented %v; documented but not served %v", missing, extra)
	}
}
