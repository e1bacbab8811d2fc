// Command serveload drives a running `graph serve` with concurrent clients making
// a mix of the API's calls for a fixed time, and prints the requests per second,
// the latency percentiles per route and the errors. bench/serve runs it.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sort"
	"sync"
	"text/tabwriter"
	"time"
)

func main() {
	addr := flag.String("addr", "http://127.0.0.1:7400", "the server's base URL")
	clients := flag.Int("clients", 50, "concurrent clients")
	duration := flag.Duration("duration", 30*time.Second, "how long to run")
	mapSource := flag.String("map-source", "", "source whose map the map route asks for (default: the one with most claims up to 100)")
	flag.Parse()
	if err := run(*addr, *clients, *duration, *mapSource); err != nil {
		fmt.Fprintln(os.Stderr, "serveload:", err)
		os.Exit(1)
	}
}

// plan is what the clients ask about, read from the server first.
type plan struct {
	sources []string
	words   []string
	nodes   []string
	mapOf   string
}

func run(addr string, clients int, d time.Duration, mapSource string) error {
	hc := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	p, err := prepare(hc, addr, mapSource)
	if err != nil {
		return err
	}
	routes := []struct {
		name string
		req  func(r *rand.Rand) (*http.Request, error)
	}{
		{"sources", func(*rand.Rand) (*http.Request, error) { return http.NewRequest("GET", addr+"/api/sources", nil) }},
		{"search", func(r *rand.Rand) (*http.Request, error) {
			return http.NewRequest("GET", addr+"/api/search?q="+url.QueryEscape(p.words[r.IntN(len(p.words))]), nil)
		}},
		{"node", func(r *rand.Rand) (*http.Request, error) {
			return http.NewRequest("GET", addr+"/api/node?id="+url.QueryEscape(p.nodes[r.IntN(len(p.nodes))]), nil)
		}},
		{"map", func(*rand.Rand) (*http.Request, error) {
			return http.NewRequest("GET", addr+"/api/map?source="+url.QueryEscape(p.mapOf), nil)
		}},
		{"query", func(r *rand.Rand) (*http.Request, error) {
			q := fmt.Sprintf(`g.V("<source/%s>").In("<source>").Has("<type>", "<claim>").Limit(20).All()`, p.sources[r.IntN(len(p.sources))])
			return http.NewRequest("POST", addr+"/api/v2/query?lang=gizmo&limit=20", bytes.NewBufferString(q))
		}},
	}
	type sample struct {
		route int
		took  time.Duration
		err   error
	}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	results := make(chan []sample, clients)
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(c), 7))
			var got []sample
			for ctx.Err() == nil {
				i := r.IntN(len(routes))
				req, err := routes[i].req(r)
				if err != nil {
					got = append(got, sample{i, 0, err})
					continue
				}
				t := time.Now()
				err = do(hc, req)
				got = append(got, sample{i, time.Since(t), err})
			}
			results <- got
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(results)
	per := make([][]time.Duration, len(routes))
	errs := make([]int, len(routes))
	total := 0
	var firstErr error
	for got := range results {
		for _, s := range got {
			total++
			if s.err != nil {
				errs[s.route]++
				if firstErr == nil {
					firstErr = s.err
				}
				continue
			}
			per[s.route] = append(per[s.route], s.took)
		}
	}
	fmt.Printf("%d clients for %.1f s: %d requests, %.0f requests/s\n", clients, elapsed.Seconds(), total, float64(total)/elapsed.Seconds())
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "route\trequests\terrors\tp50 ms\tp99 ms\tmax ms\t")
	var all []time.Duration
	for i, r := range routes {
		ts := per[i]
		all = append(all, ts...)
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t\n", r.name, len(ts)+errs[i], errs[i], pct(ts, 50), pct(ts, 99), pct(ts, 100))
	}
	nerr := 0
	for _, e := range errs {
		nerr += e
	}
	fmt.Fprintf(tw, "all\t%d\t%d\t%s\t%s\t%s\t\n", total, nerr, pct(all, 50), pct(all, 99), pct(all, 100))
	tw.Flush()
	fmt.Printf("map route: source %s\n", p.mapOf)
	if firstErr != nil {
		fmt.Printf("first error: %v\n", firstErr)
	}
	return nil
}

// pct is the p-th percentile of ts in milliseconds, "-" when there is none.
func pct(ts []time.Duration, p int) string {
	if len(ts) == 0 {
		return "-"
	}
	s := slices.Clone(ts)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	i = min(max(i-1, 0), len(s)-1)
	return fmt.Sprintf("%.1f", float64(s[i].Microseconds())/1000)
}

func do(hc *http.Client, req *http.Request) error {
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: status %d", req.Method, req.URL.Path, resp.StatusCode)
	}
	return nil
}

func getJSON(hc *http.Client, u string, v any) error {
	resp, err := hc.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 500))
		return fmt.Errorf("GET %s: status %d: %s", u, resp.StatusCode, b)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// prepare reads the sources and some ids and words to ask about.
func prepare(hc *http.Client, addr, mapSource string) (*plan, error) {
	var src struct {
		Sources []struct {
			ID     string `json:"id"`
			Title  string `json:"title"`
			Claims int    `json:"claims"`
		} `json:"sources"`
	}
	if err := getJSON(hc, addr+"/api/sources", &src); err != nil {
		return nil, err
	}
	if len(src.Sources) == 0 {
		return nil, errors.New("the server holds no source")
	}
	p := &plan{mapOf: mapSource}
	best := -1
	for _, s := range src.Sources {
		p.sources = append(p.sources, s.ID)
		if mapSource == "" && s.Claims <= 100 && s.Claims > best {
			best, p.mapOf = s.Claims, s.ID
		}
	}
	if p.mapOf == "" {
		p.mapOf = p.sources[0]
	}
	// Words of the titles to search for, and the nodes they find to open.
	seen := map[string]bool{}
	for _, s := range src.Sources {
		for _, w := range bytes.Fields([]byte(s.Title)) {
			if len(w) >= 5 && !seen[string(w)] && len(p.words) < 200 {
				seen[string(w)] = true
				p.words = append(p.words, string(w))
			}
		}
	}
	sort.Strings(p.words)
	for _, w := range p.words {
		if len(p.nodes) >= 300 {
			break
		}
		var found struct {
			Hits []struct {
				Node struct {
					IRI string `json:"iri"`
				} `json:"node"`
			} `json:"hits"`
		}
		if err := getJSON(hc, addr+"/api/search?limit=5&q="+url.QueryEscape(w), &found); err != nil {
			return nil, err
		}
		for _, h := range found.Hits {
			p.nodes = append(p.nodes, h.Node.IRI)
		}
	}
	if len(p.words) == 0 || len(p.nodes) == 0 {
		return nil, errors.New("no words or nodes to ask about: is the store built?")
	}
	return p, nil
}
