package farm_test

import (
	"context"
	"crypto/rand"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/bandwidth"
	"github.com/conun/conun/farm/farmtest"
)

// TestBandwidthCaps: a blob fetched from one node by another, each a real
// node over real sockets, goes at the cap the serving node's UploadLimit
// or the fetching node's DownloadLimit sets, within 10%. The transfer (6
// MB at 2 MB/s) lasts about three seconds, so the token bucket, not the
// loopback, decides it; the burst allowed at the start is left out of the
// measured rate.
func TestBandwidthCaps(t *testing.T) {
	if testing.Short() {
		t.Skip("NOT TESTED: needs seconds of transfer (-short)")
	}
	const size, capRate = 6_000_000, 2_000_000
	tests := []struct {
		name   string
		change func(i int, c *farm.NodeConfig)
	}{
		{"upload limit of the serving node", func(i int, c *farm.NodeConfig) {
			if i == 0 {
				c.UploadLimit = capRate
			}
		}},
		{"download limit of the fetching node", func(i int, c *farm.NodeConfig) {
			if i == 1 {
				c.DownloadLimit = capRate
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			nodes := farmtest.Start(t, 2, tc.change)
			data := make([]byte, size)
			rand.Read(data)
			ctx := context.Background()
			hash, err := api.NewClient(nodes[0].URL()).Upload(ctx, data)
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			if _, err := nodes[1].Cache().Fetch(ctx, nodes[1].PeerClient(), []string{nodes[0].RPCURL()}, hash); err != nil {
				t.Fatal(err)
			}
			elapsed := time.Since(start)
			burst := bandwidth.New(capRate).Burst()
			got := float64(size-burst) / elapsed.Seconds()
			t.Logf("%d bytes in %v: %.0f bytes/s after a %d-byte burst, cap %d (ratio %.3f)", size, elapsed, got, burst, capRate, got/capRate)
			if got > 1.1*capRate || got < 0.9*capRate {
				t.Errorf("measured %.0f bytes/s, want within 10%% of the %d-byte/s cap", got, capRate)
			}
		})
	}
}
