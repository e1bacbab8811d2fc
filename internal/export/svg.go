package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"

	"github.com/goccy/go-graphviz"
)

// Renderer says which Graphviz lays out and draws a DOT graph.
type Renderer string

// Renderers.
const (
	// RendererAuto uses the system's dot when it is on PATH, else [RendererWASM].
	RendererAuto Renderer = "auto"
	// RendererWASM uses Graphviz compiled to WebAssembly and run in-process: no
	// system Graphviz needed, and the same output on every machine.
	RendererWASM Renderer = "wasm"
	// RendererDot runs the system's dot program, which measures text with the
	// installed fonts.
	RendererDot Renderer = "dot"
)

// Renderers lists the renderers.
var Renderers = []Renderer{RendererAuto, RendererWASM, RendererDot}

// ErrNoDot means [RendererDot] was asked for and no dot program is on PATH.
var ErrNoDot = errors.New("no Graphviz dot program on PATH")

// Resolve returns the renderer that r stands for on this machine: auto becomes dot
// or wasm.
func (r Renderer) Resolve() Renderer {
	if r == RendererAuto || r == "" {
		if _, err := exec.LookPath("dot"); err == nil {
			return RendererDot
		}
		return RendererWASM
	}
	return r
}

// RenderSVG lays out a DOT graph and writes it as SVG. Nothing is written when
// rendering fails.
func RenderSVG(ctx context.Context, w io.Writer, dot []byte, r Renderer) error {
	var buf bytes.Buffer
	var err error
	switch r.Resolve() {
	case RendererWASM:
		err = renderWASM(ctx, &buf, dot)
	case RendererDot:
		err = renderDot(ctx, &buf, dot)
	default:
		return fmt.Errorf("unknown renderer %q", r)
	}
	if err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// wasmMu serialises renders: go-graphviz runs one WebAssembly instance that is not
// safe for concurrent use.
var wasmMu sync.Mutex

func renderWASM(ctx context.Context, w io.Writer, dot []byte) error {
	wasmMu.Lock()
	defer wasmMu.Unlock()
	gv, err := graphviz.New(ctx)
	if err != nil {
		return fmt.Errorf("start Graphviz: %w", err)
	}
	defer gv.Close()
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		return fmt.Errorf("parse DOT: %w", err)
	}
	defer g.Close()
	if err := gv.Render(ctx, g, graphviz.SVG, w); err != nil {
		return fmt.Errorf("render SVG: %w", err)
	}
	return nil
}

func renderDot(ctx context.Context, w io.Writer, dot []byte) error {
	path, err := exec.LookPath("dot")
	if err != nil {
		return ErrNoDot
	}
	cmd := exec.CommandContext(ctx, path, "-Tsvg")
	cmd.Stdin = bytes.NewReader(dot)
	cmd.Stdout = w
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return fmt.Errorf("dot -Tsvg: %s", msg)
	}
	return nil
}
