using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ImeBridge.Core.Messaging;
using ImeBridge.Hosting.Engines;
using ImeBridge.Hosting.Tests.Support;
using ImeBridge.Testing.Servers;
using ImeBridge.Testing.ServiceBus;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ImeBridge.Hosting.Tests.Engines;

/// <summary>
/// The operator routes for outbox messages Service Bus refused, over HTTP on the scaled-out engines (a real PostgreSQL,
/// the real Service Bus client against the in-process AMQP endpoint, the running relay). The refused rows are written
/// straight into <c>outbox_refused</c> as the relay writes them (seq from the outbox's own identity, ahead of the
/// messages held behind them): how the relay finds and sets a message aside is the Postgres adapter's own test. A
/// replay must then travel outbox → relay → Service Bus → handler ahead of what it held; a discard must release them.
/// </summary>
public sealed class OutboxRefusedOpsTests
{
    private const string OperatorToken = "ops-token-for-outbox-tests-0123456789";
    private const string ProbeType = "OutboxRefusedOpsTests.Probe";

    /// <summary>What a real body carries and nothing may repeat: the claimant's name and phone.</summary>
    private const string BodyPhi = "Philomena Quarrington +16175550142";

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_operator_lists_replays_and_discards_refused_messages_and_the_held_ones_flow_in_order()
    {
        var postgres = await PostgresServer.CreateSharedDatabaseAsync();
        using var serviceBus = InProcessServiceBus.Start();
        serviceBus.CreateQueue(EngineSettings.DefaultQueueName, new ServiceBusQueueSettings { LockDuration = TimeSpan.FromSeconds(30) });
        var probe = new ProbeHandler();
        await using var app = await TestApp.StartAsync(
            settings: new Dictionary<string, string?>
            {
                [EngineSettings.StoreKey] = "postgres",
                [EngineSettings.BusKey] = "servicebus",
                [EngineSettings.PostgresConnectionStringKey] = postgres,
                [EngineSettings.ServiceBusConnectionStringKey] = serviceBus.ConnectionString,
                ["operatorToken"] = OperatorToken,
            },
            services: s => s.AddSingleton<IMessageHandler>(probe));
        var replaySeq = await RefuseAsync(postgres, "ref_held", "MessageSizeExceeded");
        var discardSeq = await RefuseAsync(postgres, "ref_gone", "InvalidMessage");

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client.GetAsync(new Uri("/api/ops/outbox/refused", UriKind.Relative))).StatusCode);
        var listed = await app.Client.SendAsync(Ops(HttpMethod.Get, "/api/ops/outbox/refused"));
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var listText = await listed.Content.ReadAsStringAsync();
        var refused = JsonNode.Parse(listText)!["refused"]!.AsArray();
        Assert.Equal(2, refused.Count);
        var first = refused[0]!.AsObject();
        Assert.Equal(replaySeq, first["seq"]!.GetValue<long>());
        Assert.Equal("ref_held/1", first["messageId"]!.GetValue<string>());
        Assert.Equal(ProbeType, first["type"]!.GetValue<string>());
        Assert.Equal("ref_held", first["sessionId"]!.GetValue<string>());
        Assert.Equal("MessageSizeExceeded", first["reasonCode"]!.GetValue<string>());
        Assert.Equal(1, first["heldBehind"]!.GetValue<long>());
        Assert.NotNull(first["refusedAt"]);
        Assert.DoesNotContain("Quarrington", listText, StringComparison.Ordinal);
        Assert.DoesNotContain("body", listText, StringComparison.OrdinalIgnoreCase);

        // Held: nothing of either referral reaches the bus while its first message is set aside.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(probe.Received);

        var replayed = await app.Client.SendAsync(Ops(HttpMethod.Post, $"/api/ops/outbox/refused/{replaySeq}/replay"));
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        var replayAnswer = await replayed.ReadObjectAsync();
        Assert.Equal(("replayed", "ref_held/1", 1L), (replayAnswer["outcome"]!.GetValue<string>(), replayAnswer["messageId"]!.GetValue<string>(), replayAnswer["released"]!.GetValue<long>()));
        await Eventually.UntilAsync(() => Task.FromResult(probe.Of("ref_held").Count == 2), Limit, "the replayed message and the one it held were not delivered");
        Assert.Equal(["ref_held/1", "ref_held/2"], probe.Of("ref_held"));

        var discarded = await app.Client.SendAsync(Ops(HttpMethod.Post, $"/api/ops/outbox/refused/{discardSeq}/discard", new { reason = "superseded by a corrected referral" }));
        Assert.Equal(HttpStatusCode.OK, discarded.StatusCode);
        Assert.Equal("discarded", (await discarded.ReadObjectAsync())["outcome"]!.GetValue<string>());
        await Eventually.UntilAsync(() => Task.FromResult(probe.Of("ref_gone").Count == 1), Limit, "the message held behind the discarded one was not delivered");
        Assert.Equal(["ref_gone/2"], probe.Of("ref_gone"));

        // Each is done once: a second replay or discard of either finds nothing to act on.
        await AssertProblemAsync(await app.Client.SendAsync(Ops(HttpMethod.Post, $"/api/ops/outbox/refused/{replaySeq}/replay")), HttpStatusCode.NotFound, $"seq {replaySeq}");
        await AssertProblemAsync(await app.Client.SendAsync(Ops(HttpMethod.Post, $"/api/ops/outbox/refused/{discardSeq}/replay")), HttpStatusCode.NotFound, $"seq {discardSeq}");
        await AssertProblemAsync(await app.Client.SendAsync(Ops(HttpMethod.Post, $"/api/ops/outbox/refused/{discardSeq}/discard", new { reason = "again" })), HttpStatusCode.NotFound, $"seq {discardSeq}");

        Assert.Empty((await (await app.Client.SendAsync(Ops(HttpMethod.Get, "/api/ops/outbox/refused"))).ReadObjectAsync())["refused"]!.AsArray());
        var all = (await (await app.Client.SendAsync(Ops(HttpMethod.Get, "/api/ops/outbox/refused?all=true"))).ReadObjectAsync())["refused"]!.AsArray();
        var record = Assert.Single(all)!.AsObject();
        Assert.Equal(discardSeq, record["seq"]!.GetValue<long>());
        Assert.Equal("superseded by a corrected referral", record["discardReason"]!.GetValue<string>());
        Assert.NotNull(record["discardedAt"]);
        Assert.Equal(0, record["heldBehind"]!.GetValue<long>());

        Assert.DoesNotContain("Quarrington", app.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("6175550142", app.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("superseded", app.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_that_cannot_be_followed_get_a_problem_naming_why_and_change_nothing()
    {
        var postgres = await PostgresServer.CreateSharedDatabaseAsync();
        using var serviceBus = InProcessServiceBus.Start();
        serviceBus.CreateQueue(EngineSettings.DefaultQueueName);
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?>
        {
            [EngineSettings.StoreKey] = "postgres",
            [EngineSettings.BusKey] = "servicebus",
            [EngineSettings.PostgresConnectionStringKey] = postgres,
            [EngineSettings.ServiceBusConnectionStringKey] = serviceBus.ConnectionString,
            ["operatorToken"] = OperatorToken,
        });
        var seq = await RefuseAsync(postgres, "ref_kept", "MessageSizeExceeded");
        var discard = $"/api/ops/outbox/refused/{seq}/discard";

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client.PostAsync(new Uri($"/api/ops/outbox/refused/{seq}/replay", UriKind.Relative), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client.SendAsync(Ops(HttpMethod.Post, discard, new { reason = "x" }, token: "wrong-token"))).StatusCode);
        await AssertInvalidAsync(await app.Client.SendAsync(Ops(HttpMethod.Post, "/api/ops/outbox/refused/abc/replay")), "seq");
        await AssertInvalidAsync(await app.Client.SendAsync(Ops(HttpMethod.Post, "/api/ops/outbox/refused/-4/discard", new { reason = "x" })), "seq");
        await AssertInvalidAsync(await app.Client.SendAsync(Ops(HttpMethod.Post, "/api/ops/outbox/refused/99999999999999999999/replay")), "seq");
        await AssertProblemAsync(await app.Client.SendAsync(Ops(HttpMethod.Post, "/api/ops/outbox/refused/987654/replay")), HttpStatusCode.NotFound, "seq 987654");
        await AssertProblemAsync(await app.Client.SendAsync(Ops(HttpMethod.Post, "/api/ops/outbox/refused/987654/discard", new { reason = "x" })), HttpStatusCode.NotFound, "seq 987654");
        await AssertInvalidAsync(await app.Client.SendAsync(Ops(HttpMethod.Post, discard)), "reason");
        await AssertInvalidAsync(await app.Client.SendAsync(Ops(HttpMethod.Post, discard, new { })), "reason");
        await AssertInvalidAsync(await app.Client.SendAsync(Ops(HttpMethod.Post, discard, new { reason = "   " })), "reason");
        await AssertInvalidAsync(await app.Client.SendAsync(Ops(HttpMethod.Post, discard, new { reason = 42 })), "reason");
        await AssertInvalidAsync(await app.Client.SendAsync(Ops(HttpMethod.Post, discard, new { reason = new string('r', OutboxRefusedOpsApi.MaxReasonLength + 1) })), "reason");
        var malformed = Ops(HttpMethod.Post, discard);
        malformed.Content = new StringContent("{\"reason\": ", Encoding.UTF8, "application/json");
        await AssertProblemAsync(await app.Client.SendAsync(malformed), HttpStatusCode.BadRequest, "malformed");
        var notJson = Ops(HttpMethod.Post, discard);
        notJson.Content = new StringContent("reason=because", Encoding.UTF8, "application/x-www-form-urlencoded");
        await AssertProblemAsync(await app.Client.SendAsync(notJson), HttpStatusCode.UnsupportedMediaType, "reason");
        await AssertInvalidAsync(await app.Client.SendAsync(Ops(HttpMethod.Get, "/api/ops/outbox/refused?all=maybe")), "all");
        await AssertInvalidAsync(await app.Client.SendAsync(Ops(HttpMethod.Get, "/api/ops/outbox/refused?max=0")), "max");

        var still = (await (await app.Client.SendAsync(Ops(HttpMethod.Get, "/api/ops/outbox/refused"))).ReadObjectAsync())["refused"]!.AsArray();
        Assert.Equal(seq, Assert.Single(still)!["seq"]!.GetValue<long>());
        Assert.Null(still[0]!["discardedAt"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Engines_without_an_outbox_answer_404_saying_it_exists_only_with_service_bus(bool postgresQueue)
    {
        var settings = new Dictionary<string, string?> { ["operatorToken"] = OperatorToken };
        if (postgresQueue)
        {
            settings[EngineSettings.StoreKey] = "postgres";
            settings[EngineSettings.PostgresConnectionStringKey] = await PostgresServer.CreateSharedDatabaseAsync();
        }

        await using var app = await TestApp.StartAsync(settings: settings);

        await AssertProblemAsync(await app.Client.SendAsync(Ops(HttpMethod.Get, "/api/ops/outbox/refused?all=true")), HttpStatusCode.NotFound, "bus=servicebus");
        await AssertProblemAsync(await app.Client.SendAsync(Ops(HttpMethod.Post, "/api/ops/outbox/refused/1/replay")), HttpStatusCode.NotFound, "bus=servicebus");
        await AssertProblemAsync(await app.Client.SendAsync(Ops(HttpMethod.Post, "/api/ops/outbox/refused/1/discard", new { reason = "x" })), HttpStatusCode.NotFound, "bus=servicebus");
        await AssertProblemAsync(await app.Client.SendAsync(Ops(HttpMethod.Post, "/api/ops/outbox/refused/abc/discard")), HttpStatusCode.NotFound, "bus=servicebus");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client.GetAsync(new Uri("/api/ops/outbox/refused", UriKind.Relative))).StatusCode);
    }

    /// <summary>
    /// Sets aside <c>&lt;session&gt;/1</c> as the relay does (its seq drawn from the outbox's identity) and writes
    /// <c>&lt;session&gt;/2</c> into the outbox behind it, in one transaction so the relay never sees one without the other.
    /// </summary>
    private static async Task<long> RefuseAsync(string connectionString, string session, string reasonCode)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var refuse = new NpgsqlCommand(
            """
            INSERT INTO outbox_refused (seq, message_id, type, session_id, body, not_before, created_at, refused_at, reason_code, alerted)
            VALUES (nextval(pg_get_serial_sequence('outbox', 'seq')), @id, @type, @session, @body, NULL, now(), now(), @reason, true)
            RETURNING seq;
            """,
            connection,
            transaction);
        refuse.Parameters.AddWithValue("id", session + "/1");
        refuse.Parameters.AddWithValue("type", ProbeType);
        refuse.Parameters.AddWithValue("session", session);
        refuse.Parameters.AddWithValue("body", Body(session + "/1"));
        refuse.Parameters.AddWithValue("reason", reasonCode);
        var seq = (long)(await refuse.ExecuteScalarAsync())!;
        await using var held = new NpgsqlCommand(
            "INSERT INTO outbox (message_id, type, session_id, body, not_before, created_at) VALUES (@id, @type, @session, @body, NULL, now());",
            connection,
            transaction);
        held.Parameters.AddWithValue("id", session + "/2");
        held.Parameters.AddWithValue("type", ProbeType);
        held.Parameters.AddWithValue("session", session);
        held.Parameters.AddWithValue("body", Body(session + "/2"));
        await held.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return seq;
    }

    private static byte[] Body(string messageId) =>
        Encoding.UTF8.GetBytes($$"""{"id":"{{messageId}}","claimant":"{{BodyPhi}}"}""");

    private static HttpRequestMessage Ops(HttpMethod method, string path, object? body = null, string token = OperatorToken) =>
        new(method, new Uri(path, UriKind.Relative))
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
            Content = body is null ? null : JsonContent.Create(body),
        };

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string says)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.MediaType());
        Assert.Contains(says, text, StringComparison.Ordinal);
    }

    private static async Task AssertInvalidAsync(HttpResponseMessage response, string field)
    {
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"errors should name {field}: {errors.ToJsonString()}");
    }

    /// <summary>Records, per session, the ids of the probe messages the bus delivered, in delivery order.</summary>
    private sealed class ProbeHandler : IMessageHandler
    {
        private readonly ConcurrentQueue<ReceivedMessage> received = new();

        public string MessageType => ProbeType;

        public IReadOnlyList<ReceivedMessage> Received => [.. received];

        public List<string> Of(string session) => [.. received.Where(m => m.SessionId == session).Select(m => m.MessageId)];

        public Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
        {
            received.Enqueue(message);
            return Task.CompletedTask;
        }
    }
}
