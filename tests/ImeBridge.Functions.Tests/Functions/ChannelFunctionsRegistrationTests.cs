using System.Reflection;
using ImeBridge.Functions.Tests.Support;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Functions.Tests.Functions;

/// <summary>FunctionsComposition registers the function classes "so tests can resolve them from the same container".</summary>
public sealed class ChannelFunctionsRegistrationTests
{
    public static TheoryData<Type> FunctionClasses()
    {
        var data = new TheoryData<Type>();
        foreach (var type in FunctionTypes())
        {
            data.Add(type);
        }

        return data;
    }

    [Fact]
    public void The_app_has_the_sftp_mailbox_and_inbound_email_functions()
    {
        var names = FunctionTypes().Select(t => t.Name).ToList();

        Assert.Contains(nameof(PollSftpPartners), names);
        Assert.Contains(nameof(PollFhirPartners), names);
        Assert.Contains(nameof(PollMailbox), names);
        Assert.Contains(nameof(ReceiveInboundEmail), names);
    }

    [Fact]
    public void ReceiveInboundEmail_serves_POST_api_email_inbound_anonymously_and_the_pollers_are_timers()
    {
        var receive = typeof(ReceiveInboundEmail).GetMethod(nameof(ReceiveInboundEmail.RunAsync))!;
        var http = receive.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).Single(a => a is not null)!;

        Assert.Equal(nameof(ReceiveInboundEmail), receive.GetCustomAttribute<FunctionAttribute>()!.Name);
        Assert.Equal(["post"], http.Methods ?? []);
        Assert.Equal(AuthorizationLevel.Anonymous, http.AuthLevel);
        Assert.Equal("email/inbound", http.Route);
        foreach (var timer in new[] { typeof(PollSftpPartners), typeof(PollMailbox), typeof(PollFhirPartners) })
        {
            var run = timer.GetMethods().Single(m => m.GetCustomAttribute<FunctionAttribute>() is not null);
            Assert.Equal(timer.Name, run.GetCustomAttribute<FunctionAttribute>()!.Name);
            Assert.Single(run.GetParameters(), p => p.GetCustomAttribute<TimerTriggerAttribute>() is not null);
        }
    }

    private static IEnumerable<Type> FunctionTypes() => typeof(FunctionsComposition).Assembly.GetTypes()
        .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
        .OrderBy(t => t.Name, StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(FunctionClasses))]
    public async Task Every_function_class_is_registered_in_the_apps_container(Type functionClass)
    {
        await using var app = await FunctionsApp.StartAsync();
        await using var scope = app.Services.CreateAsyncScope();

        Assert.NotNull(scope.ServiceProvider.GetService(functionClass));
    }
}
