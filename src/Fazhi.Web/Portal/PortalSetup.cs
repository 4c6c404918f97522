using System.Globalization;
using System.Threading.RateLimiting;
using Fazhi.Core.Data;
using Microsoft.AspNetCore.RateLimiting;

namespace Fazhi.Web.Portal;

/// <summary>
/// Services of the public portal: per-IP fixed-window rate limits on its POSTs (tracking lookups and applications), so
/// that tracking codes cannot be guessed at speed and the application form cannot be flooded. Limits come from
/// <c>Portal:TrackPerMinute</c> (default 10) and <c>Portal:ApplyPerHour</c> (default 20).
/// </summary>
public static class PortalSetup
{
    /// <summary>Rate-limit policy of tracking lookups.</summary>
    public const string TrackPolicy = "portal-track";

    /// <summary>Rate-limit policy of online applications.</summary>
    public const string ApplyPolicy = "portal-apply";

    private const string RejectedPage = """
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>请求过于频繁</title></head>
        <body><h1>请求过于频繁</h1><p>您的操作过于频繁，请稍后再试。</p><p><a href="/public">返回公众服务首页</a></p></body></html>
        """;

    /// <summary>Registers the rate limiter with the portal's policies.</summary>
    public static void AddFazhiPortal(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var trackPerMinute = Limit(builder.Configuration["Portal:TrackPerMinute"], "Portal:TrackPerMinute", 10);
        var applyPerHour = Limit(builder.Configuration["Portal:ApplyPerHour"], "Portal:ApplyPerHour", 20);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    ctx.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                ctx.HttpContext.Response.ContentType = "text/html; charset=utf-8";
                await ctx.HttpContext.Response.WriteAsync(RejectedPage, ct);
            };
            o.AddPolicy(TrackPolicy, http => PostsPerIp(http, trackPerMinute, TimeSpan.FromMinutes(1)));
            o.AddPolicy(ApplyPolicy, http => PostsPerIp(http, applyPerHour, TimeSpan.FromHours(1)));
        });
    }

    /// <summary>Only POSTs count (showing the empty form is free); one fixed window per client address.</summary>
    private static RateLimitPartition<string> PostsPerIp(HttpContext http, int permits, TimeSpan window)
    {
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("get");
        }

        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static int Limit(string? text, string key, int fallback)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new StartupException($"{key} 的值“{text}”无效：请填写正整数。");
    }
}
