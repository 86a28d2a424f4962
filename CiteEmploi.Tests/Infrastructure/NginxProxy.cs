using System.Diagnostics;
using System.Net.Sockets;

namespace CiteEmploi.Tests.Infrastructure;

/// <summary>
/// Debian's nginx in front of two app servers, on a free loopback port (decision 0032), as a deployment would put it:
/// sticky sessions by a cookie (<c>citeemploi_server</c> = <c>a</c> or <c>b</c>; a newcomer is given one at random), the
/// other server as the backup of each (a dead server's people go to the live one), WebSockets passed through.
/// One nginx process (<c>master_process off</c>), its files in a folder of its own; stopped when disposed.
/// </summary>
public sealed class NginxProxy : IDisposable
{
    public const string Cookie = "citeemploi_server";

    private readonly Process _process;

    private NginxProxy(Process process, int port, string folder)
    {
        _process = process;
        BaseUrl = $"http://127.0.0.1:{port}";
        Folder = folder;
    }

    public string BaseUrl { get; }

    public string Folder { get; }

    /// <summary>nginx's own log, for a failure's message.</summary>
    public string ErrorLog => File.Exists(Path.Combine(Folder, "error.log")) ? File.ReadAllText(Path.Combine(Folder, "error.log")) : string.Empty;

    public static async Task<NginxProxy> StartAsync(int serverA, int serverB, CancellationToken cancellationToken)
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx est absent : ./test.sh l'installe (paquet Debian nginx).");
        var folder = TestFolders.Create("nginx");
        var port = AppProcess.FreePort();
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            master_process off;
            daemon off;
            error_log {{folder}}/error.log warn;
            pid {{folder}}/nginx.pid;
            events { worker_connections 512; }
            http {
              access_log off;
              client_body_temp_path {{folder}}/body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              map $http_upgrade $connection_upgrade { default upgrade; '' close; }
              split_clients "${remote_addr}${request_id}" $assigned { 50% a; * b; }
              map $cookie_{{Cookie}} $server { a a; b b; default $assigned; }
              upstream a { server 127.0.0.1:{{serverA}} max_fails=1 fail_timeout=60s; server 127.0.0.1:{{serverB}} backup; }
              upstream b { server 127.0.0.1:{{serverB}} max_fails=1 fail_timeout=60s; server 127.0.0.1:{{serverA}} backup; }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://$server;
                  proxy_http_version 1.1;
                  proxy_set_header Upgrade $http_upgrade;
                  proxy_set_header Connection $connection_upgrade;
                  proxy_set_header Host $http_host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                  proxy_read_timeout 1h;
                  proxy_next_upstream error timeout http_502;
                  add_header Set-Cookie "{{Cookie}}=$server; Path=/; HttpOnly; SameSite=Lax" always;
                }
              }
            }
            """, cancellationToken);
        var start = new ProcessStartInfo(nginx) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", folder, "-c", config, "-e", Path.Combine(folder, "error.log") })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        var proxy = new NginxProxy(process, port, folder);
        // bounded: nginx listens within a second
        for (var tries = 0; tries < 100; tries++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx s'est arrêté au démarrage : {proxy.ErrorLog}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellationToken);
                return proxy;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
        proxy.Dispose();
        throw new InvalidOperationException($"nginx n'écoute pas sur le port {port} : {proxy.ErrorLog}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }
}
