package farm

import (
	"fmt"
	"io"
	"sync/atomic"
)

// metrics are the node's counters, served in Prometheus' text format at
// /v1/metrics so a GPU owner can graph them and an operator can see attacks
// (bad signatures, replays) that were turned away.
type metrics struct {
	tasksRendered   atomic.Int64
	tasksFailed     atomic.Int64
	renderMillis    atomic.Int64
	tilesAccepted   atomic.Int64
	tilesRejected   atomic.Int64
	badRequests     atomic.Int64
	badSignatures   atomic.Int64
	staleMessages   atomic.Int64
	replayedMessage atomic.Int64
	unknownSenders  atomic.Int64
	busyRefusals    atomic.Int64
	blobBytesIn     atomic.Int64
	blobHashErrors  atomic.Int64
	apiRejected     atomic.Int64
	connsRefused    atomic.Int64
	checkPixels     atomic.Int64
	checks          atomic.Int64
	convictions     atomic.Int64
	noticesBelieved atomic.Int64
	noticesRefused  atomic.Int64
	scenesInspected atomic.Int64
	receiptsFlagged atomic.Int64
	claimsPulled    atomic.Int64
	tilesCollected  atomic.Int64
	prefetched      atomic.Int64
	estimateSamples atomic.Int64
	gatewaysLeft    atomic.Int64
}

// gauge is a value read when the metrics are served.
type gauge struct {
	name, help string
	v          int64
}

// write serves the counters, then the gauges the node read for this answer.
func (m *metrics) write(w io.Writer, gauges ...gauge) {
	defer func() {
		for _, g := range gauges {
			fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s gauge\n%s %d\n", g.name, g.help, g.name, g.name, g.v)
		}
	}()
	for _, c := range []struct {
		name, help string
		v          *atomic.Int64
	}{
		{"conun_tasks_rendered_total", "tasks this node rendered for coordinators", &m.tasksRendered},
		{"conun_tasks_failed_total", "tasks this node failed to render", &m.tasksFailed},
		{"conun_render_milliseconds_total", "time spent rendering", &m.renderMillis},
		{"conun_tiles_accepted_total", "tiles this node accepted as coordinator", &m.tilesAccepted},
		{"conun_tiles_rejected_total", "tiles this node refused as coordinator (bad size, bad signature, errors)", &m.tilesRejected},
		{"conun_rpc_bad_requests_total", "malformed node-to-node requests", &m.badRequests},
		{"conun_rpc_bad_signatures_total", "requests or results with a bad signature", &m.badSignatures},
		{"conun_gateways_left_total", "gateways this node behind NAT left because coordinators got its answers through them without its word", &m.gatewaysLeft},
		{"conun_rpc_stale_total", "requests with a timestamp outside the window", &m.staleMessages},
		{"conun_rpc_replays_total", "requests whose nonce was already used", &m.replayedMessage},
		{"conun_rpc_unknown_senders_total", "requests from coordinators that are not cluster members", &m.unknownSenders},
		{"conun_rpc_busy_total", "task requests refused because every slot was busy", &m.busyRefusals},
		{"conun_blob_bytes_in_total", "blob bytes received", &m.blobBytesIn},
		{"conun_checks_run_total", "spot checks this coordinator ran (conun_checks_total counts this node's own tasks checked)", &m.checks},
		{"conun_check_pixels_total", "pixels re-rendered by checkers and arbiters for spot checks", &m.checkPixels},
		{"conun_convictions_total", "nodes convicted of cheating", &m.convictions},
		{"conun_convictions_believed_total", "other coordinators' convictions re-checked here and believed", &m.noticesBelieved},
		{"conun_receipts_flagged_total", "receipts handed to this node that pay less than its work in them, or cover work it did not do", &m.receiptsFlagged},
		{"conun_claims_pulled_total", "claims this node was never handed and fetched from their coordinator", &m.claimsPulled},
		{"conun_convictions_refused_total", "other coordinators' conviction notices refused (bad signature, evidence or limits)", &m.noticesRefused},
		{"conun_api_rejected_total", "client API requests refused as bad input (4xx)", &m.apiRejected},
		{"conun_http_conns_refused_total", "connections refused for being over the per-source cap (--max-conns-per-source)", &m.connsRefused},
		{"conun_blob_hash_errors_total", "blobs refused because their bytes did not match their hash", &m.blobHashErrors},
		{"conun_scenes_inspected_total", "scenes this node read for its clients (POST /v1/inspect)", &m.scenesInspected},
		{"conun_scenes_prefetched_total", "scenes this node fetched ahead of their leases on a coordinator's hint", &m.prefetched},
		{"conun_estimate_sample_requests_total", "signed requests of coordinators' estimates to time sample windows here", &m.estimateSamples},
		{"conun_tiles_collected_total", "tiles of finished jobs deleted by the retention", &m.tilesCollected},
	} {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n%s %d\n", c.name, c.help, c.name, c.name, c.v.Load())
	}
}
