// Command pulumi-language-nodejs is the engine's Node.js language host for the local toolchain.
//
// The upstream host is published as a Go module only up to github.com/pulumi/pulumi/sdk/v3
// v3.68.0 (later versions live in a module the Go module proxy does not serve). That host runs
// programs correctly under the current engine, but predates RunPlugin, the call through which
// the engine starts Node.js policy packs. This adapter starts the upstream host, forwards every
// call it implements, and answers RunPlugin itself the way current hosts do: it runs
// @pulumi/pulumi's own plugin entry point with node.
package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/google/shlex"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/emptypb"
)

// The engine passes its address as the last argument; flags before it are the upstream host's.
func main() {
	if len(os.Args) < 2 {
		fail(errors.New("usage: pulumi-language-nodejs [flags] <engine address>"))
	}
	engineAddress := os.Args[len(os.Args)-1]

	upstream, err := startUpstream(os.Args[1:])
	if err != nil {
		fail(err)
	}
	defer upstream.stop()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Exit with the engine, as every plugin must.
	if err := rpcutil.Healthcheck(ctx, engineAddress, 5*time.Minute, cancel); err != nil {
		fail(fmt.Errorf("could not start the engine health check: %w", err))
	}
	stop := make(chan bool)
	go func() { <-ctx.Done(); close(stop) }()

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(server *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(server, &host{upstream: upstream.client})
			return nil
		},
	})
	if err != nil {
		fail(fmt.Errorf("could not serve the language runtime: %w", err))
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fail(fmt.Errorf("language runtime stopped serving: %w", err))
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
	os.Exit(1)
}

type upstreamHost struct {
	cmd    *exec.Cmd
	conn   *grpc.ClientConn
	client pulumirpc.LanguageRuntimeClient
}

// upstreamPath is the upstream host installed beside this binary by scripts/tools/install.sh.
func upstreamPath() (string, error) {
	if path := os.Getenv("IM_PLATFORM_NODEJS_UPSTREAM_HOST"); path != "" {
		return path, nil
	}
	self, err := os.Executable()
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(self), "..", "libexec", "pulumi-language-nodejs-upstream"), nil
}

func startUpstream(args []string) (*upstreamHost, error) {
	path, err := upstreamPath()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(path, args...)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("could not start the upstream Node.js host %s: %w", path, err)
	}
	// Like every plugin, the upstream host prints the port it serves on as its first line.
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		_ = cmd.Process.Kill()
		return nil, fmt.Errorf("the upstream Node.js host printed no port: %w", err)
	}
	conn, err := grpc.NewClient("127.0.0.1:"+strings.TrimSpace(line),
		grpc.WithTransportCredentials(insecure.NewCredentials()), rpcutil.GrpcChannelOptions())
	if err != nil {
		_ = cmd.Process.Kill()
		return nil, err
	}
	return &upstreamHost{cmd: cmd, conn: conn, client: pulumirpc.NewLanguageRuntimeClient(conn)}, nil
}

func (u *upstreamHost) stop() {
	_ = u.conn.Close()
	_ = u.cmd.Process.Kill()
	_ = u.cmd.Wait()
}

// host forwards to the upstream host; calls neither implements stay Unimplemented, which the
// engine treats as "an older host" and falls back from (e.g. GetRequiredPackages).
type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	upstream pulumirpc.LanguageRuntimeClient
}

func (h *host) GetRequiredPlugins(ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return h.upstream.GetRequiredPlugins(ctx, req)
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	return h.upstream.Run(ctx, req)
}

func (h *host) GetPluginInfo(ctx context.Context, req *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return h.upstream.GetPluginInfo(ctx, req)
}

func (h *host) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	return h.upstream.About(ctx, req)
}

func (h *host) GetProgramDependencies(ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return h.upstream.GetProgramDependencies(ctx, req)
}

func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]) error {
	stream, err := h.upstream.InstallDependencies(server.Context(), req)
	if err != nil {
		return err
	}
	for {
		message, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := server.Send(message); err != nil {
			return err
		}
	}
}

// RunPlugin runs a Node.js plugin (a policy pack) through @pulumi/pulumi's plugin entry point,
// resolved from the plugin's own directory so its own SDK is used.
func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, server grpc.ServerStreamingServer[pulumirpc.RunPluginResponse]) error {
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()

	node, err := exec.LookPath("node")
	if err != nil {
		return err
	}
	programDir := req.GetInfo().GetProgramDirectory()
	options := req.GetInfo().GetOptions().AsMap()
	entry, err := resolveModule(node, "@pulumi/pulumi/cmd/run-plugin", programDir)
	if err != nil {
		return fmt.Errorf("could not find @pulumi/pulumi from %s (run npm ci): %w", programDir, err)
	}
	nodeArgs, err := shlex.Split(stringOption(options, "nodeargs"))
	if err != nil {
		return err
	}
	args := append([]string{entry}, nodeArgs...)
	args = append(args, programDir)
	args = append(args, req.GetArgs()...)

	env := append([]string{}, req.GetEnv()...)
	// TypeScript is the Node.js runtime's default; only an explicit false turns it off.
	if typescript, set := options["typescript"].(bool); !set || typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if tsconfig := stringOption(options, "tsconfig"); tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+tsconfig)
	}

	cmd := exec.Command(node, args...)
	cmd.Dir = req.GetPwd()
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			if status, ok := exit.Sys().(syscall.WaitStatus); ok {
				return fmt.Errorf("plugin exited with code %d", status.ExitStatus())
			}
		}
		return fmt.Errorf("could not run plugin %s: %w", programDir, err)
	}
	return closer.Close()
}

func stringOption(options map[string]any, name string) string {
	value, _ := options[name].(string)
	return value
}

func resolveModule(node, module, from string) (string, error) {
	cmd := exec.Command(node, "-e", fmt.Sprintf("console.log(require.resolve(%q))", module))
	cmd.Dir = from
	out, err := cmd.Output()
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}
