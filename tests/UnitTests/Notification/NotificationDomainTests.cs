using System.Net;
using ReliefPlatform.Contracts.Notifications;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Notification.Deliveries;
using ReliefPlatform.Notification.Templates;
using ReliefPlatform.Notification.Webhooks;

namespace ReliefPlatform.UnitTests.Notification;

public sealed class TemplateRendererTests
{
    private static readonly NoticeFacts Facts = new(
        new DateTimeOffset(2026, 11, 29, 17, 30, 0, TimeSpan.Zero), "361102", "ref-1", "张三丰", "361102199001011234",
        Scheme.Dibao, "dibao", 1201m, "家庭人均收入高于低保标准", "per-capita income above the standard", "dibao");

    [Fact]
    public void Chinese_notices_show_yuan_the_local_date_and_masked_personal_data()
    {
        var text = TemplateRenderer.Render("{name}（{idNumber}）{scheme} {category} {amount} {date} {county} {purpose}", Facts, Languages.Chinese);

        // 17:30 UTC is already the next day in China Standard Time.
        Assert.Equal("张**（361102********1234）最低生活保障 低保对象 1,201.00元 2026年11月30日 信州区 低保金", text);
    }

    [Fact]
    public void English_notices_show_cny_and_an_unambiguous_date()
    {
        var text = TemplateRenderer.Render("{amount} on {date}: {reason}", Facts, Languages.English);
        Assert.Equal("CNY 1,201.00 on 30 Nov 2026: per-capita income above the standard", text);
    }

    [Fact]
    public void An_unknown_placeholder_is_left_visible_rather_than_silently_dropped()
    {
        Assert.Equal("{iban} 1,201.00元", TemplateRenderer.Render("{iban} {amount}", Facts, Languages.Chinese));
        Assert.Equal(new HashSet<string> { "iban", "amount" }, TemplateRenderer.PlaceholdersIn("{iban} {amount} {iban}"));
    }

    [Fact]
    public void Every_shipped_template_uses_only_its_own_placeholders_in_both_languages()
    {
        Assert.Equal(NotificationEventTypes.All.Order(), TemplateCatalog.Definitions.Keys.Order());
        foreach (var definition in TemplateCatalog.Definitions.Values)
        {
            foreach (var language in Languages.All)
            {
                var text = definition.In(language);
                Assert.Subset(definition.Placeholders.ToHashSet(), TemplateRenderer.PlaceholdersIn(text.Title + text.Body).ToHashSet());
                Assert.True(text.Body.Length <= TemplatesApi.MaxBodyLength);
            }
        }
    }

    [Theory]
    [InlineData(0.5, "0.50元")]
    [InlineData(1234567.891, "1,234,567.89元")]
    public void Amounts_are_in_yuan_with_fen(decimal amount, string expected) =>
        Assert.Equal(expected, TemplateRenderer.Amount(amount, chinese: true));
}

public sealed class DeliveryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);
    private static readonly RetrySchedule Schedule = new(TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), () => 0.5);

    private static Delivery Pending() => new() { Status = DeliveryStatus.Pending, NextAttemptAt = Now, LeaseUntil = Now.AddMinutes(2) };

    [Fact]
    public void A_success_delivers_and_releases_the_lease()
    {
        var delivery = Pending();
        Assert.Equal(DeliveryStatus.Delivered, delivery.RecordAttempt(SendResult.Success(204), Now, Schedule, 3));
        Assert.Equal(Now, delivery.DeliveredAt);
        Assert.Null(delivery.LeaseUntil);
        Assert.Equal(1, delivery.Attempts);
    }

    [Fact]
    public void Failures_are_retried_with_growing_delays_then_dead_lettered_at_the_last_attempt()
    {
        var delivery = Pending();
        Assert.Equal(DeliveryStatus.Retrying, delivery.RecordAttempt(new SendResult(false, 503), Now, Schedule, 3));
        Assert.Equal(Now.AddSeconds(30), delivery.NextAttemptAt);
        Assert.Equal("HTTP 503", delivery.LastError);
        Assert.Equal(DeliveryStatus.Retrying, delivery.RecordAttempt(new SendResult(false, Error: "timed out"), Now, Schedule, 3));
        Assert.Equal(Now.AddSeconds(60), delivery.NextAttemptAt);
        Assert.Equal(DeliveryStatus.DeadLettered, delivery.RecordAttempt(new SendResult(false, 500), Now, Schedule, 3));
        Assert.Equal(3, delivery.Attempts);
    }

    [Fact]
    public void A_long_error_is_kept_to_the_length_the_log_stores()
    {
        var delivery = Pending();
        delivery.RecordAttempt(new SendResult(false, Error: new string('x', 2000)), Now, Schedule, 3);
        Assert.Equal(Delivery.MaxErrorLength, delivery.LastError!.Length);
    }

    [Fact]
    public void A_permanent_failure_is_dead_lettered_at_once()
    {
        var delivery = Pending();
        Assert.Equal(DeliveryStatus.DeadLettered, delivery.RecordAttempt(new SendResult(false, 410, Permanent: true), Now, Schedule, 8));
    }

    [Fact]
    public void A_late_answer_after_delivery_changes_nothing()
    {
        var delivery = Pending();
        delivery.RecordAttempt(SendResult.Success(), Now, Schedule, 3);
        Assert.Equal(DeliveryStatus.Delivered, delivery.RecordAttempt(new SendResult(false, 503), Now.AddSeconds(5), Schedule, 3));
        Assert.Equal(Now, delivery.DeliveredAt);
    }

    [Fact]
    public void Only_dead_letters_are_replayed_and_a_replay_starts_a_fresh_round()
    {
        var delivery = Pending();
        Assert.False(delivery.Replay(Now));
        delivery.RecordAttempt(new SendResult(false, 410, Permanent: true), Now, Schedule, 3);
        Assert.True(delivery.Replay(Now.AddHours(1)));
        Assert.Equal(DeliveryStatus.Pending, delivery.Status);
        Assert.Equal(0, delivery.Attempts);
        Assert.Equal(Now.AddHours(1), delivery.NextAttemptAt);
    }

    [Fact]
    public void The_retry_delay_doubles_up_to_its_cap_with_bounded_jitter()
    {
        var low = new RetrySchedule(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), () => 0);
        var high = new RetrySchedule(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), () => 1);
        Assert.Equal(TimeSpan.FromSeconds(9), low.DelayAfter(1));
        Assert.Equal(TimeSpan.FromSeconds(22), high.DelayAfter(2));
        Assert.Equal(TimeSpan.FromMinutes(1), high.DelayAfter(20));
    }
}

public sealed class WebhookSignatureTests
{
    [Fact]
    public void Signs_like_the_standard_webhooks_reference_vector()
    {
        // The example of the Standard Webhooks specification.
        var signature = WebhookSignature.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void Verification_refuses_another_body_another_secret_and_an_old_timestamp()
    {
        var secret = WebhookSignature.NewSecret();
        var now = DateTimeOffset.UtcNow;
        var timestamp = now.ToUnixTimeSeconds();
        var signature = WebhookSignature.Sign(secret, "d1", timestamp, "{\"a\":1}");
        var tolerance = TimeSpan.FromMinutes(5);

        Assert.True(WebhookSignature.Verify(secret, "d1", timestamp.ToString(), signature, "{\"a\":1}", now, tolerance));
        Assert.True(WebhookSignature.Verify(secret, "d1", timestamp.ToString(), "v1,old " + signature, "{\"a\":1}", now, tolerance));
        Assert.False(WebhookSignature.Verify(secret, "d1", timestamp.ToString(), signature, "{\"a\":2}", now, tolerance));
        Assert.False(WebhookSignature.Verify(WebhookSignature.NewSecret(), "d1", timestamp.ToString(), signature, "{\"a\":1}", now, tolerance));
        Assert.False(WebhookSignature.Verify(secret, "d1", timestamp.ToString(), signature, "{\"a\":1}", now.AddMinutes(10), tolerance));
    }
}

public sealed class CallbackAddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.20.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("fd00::1")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::127.0.0.1")] // IPv4-compatible (issue 14: passed as public IPv6)
    [InlineData("::ffff:0:127.0.0.1")] // IPv4-translated
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 of 169.254.169.254 (issue 14)
    [InlineData("64:ff9b:1::a00:1")] // local-use NAT64 of 10.0.0.1
    [InlineData("2002:a9fe:a9fe::1")] // 6to4 of 169.254.169.254 (issue 14)
    [InlineData("2002:7f00:1::1")] // 6to4 of 127.0.0.1
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")] // Teredo: the endpoint cannot be checked
    [InlineData("2001:db8::1")] // documentation
    [InlineData("::")]
    [InlineData("ff02::1")]
    [InlineData("100::1")] // discard-only
    public void Internal_addresses_are_refused(string address) => Assert.True(CallbackAddressPolicy.IsInternal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2408:8000::1")]
    [InlineData("64:ff9b::808:808")] // NAT64 of 8.8.8.8
    [InlineData("2002:808:808::1")] // 6to4 of 8.8.8.8
    public void Public_addresses_are_allowed(string address) => Assert.False(CallbackAddressPolicy.IsInternal(IPAddress.Parse(address)));

    [Fact]
    public async Task A_loopback_callback_is_refused_unless_configuration_allows_it()
    {
        Assert.NotNull(await CallbackAddressPolicy.CheckAddressAsync("https://127.0.0.1/hook", allowInternal: false, default));
        Assert.NotNull(await CallbackAddressPolicy.CheckAddressAsync("https://localhost/hook", allowInternal: false, default));
        Assert.Null(await CallbackAddressPolicy.CheckAddressAsync("http://127.0.0.1/hook", allowInternal: true, default));
        Assert.NotNull(CallbackAddressPolicy.CheckForm("http://example.com/hook", allowInternal: false));
        Assert.NotNull(CallbackAddressPolicy.CheckForm("https://user:pw@example.com/hook", allowInternal: false));
        Assert.Null(CallbackAddressPolicy.CheckForm("https://example.com/hook", allowInternal: false));
    }
}
