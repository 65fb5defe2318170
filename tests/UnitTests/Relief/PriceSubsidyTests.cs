using ReliefPlatform.Relief.PriceLinkage;

namespace ReliefPlatform.UnitTests.Relief;

public sealed class PriceSubsidyTests
{
    private static readonly PriceLinkageSetting Setting = new() { CpiTrigger = 3.5m, FoodCpiTrigger = 6.0m, RoundingDigits = 1 };

    [Theory]
    [InlineData(3.5, 2.0, true, 3.5)]   // CPI exactly at the trigger
    [InlineData(3.4, 6.0, true, 6.0)]   // food CPI triggers: its rise is the rate
    [InlineData(3.4, 5.9, false, null)] // neither: nothing is paid
    [InlineData(4.2, 8.0, true, 4.2)]   // CPI first
    public void A_month_triggers_on_cpi_or_food_cpi(double cpi, double food, bool triggered, double? rate)
    {
        var evaluation = PriceSubsidyCalculator.Evaluate(Setting, new CpiFigure { CpiYearOnYear = (decimal)cpi, FoodCpiYearOnYear = (decimal)food });

        Assert.Equal(triggered, evaluation.Triggered);
        Assert.Equal(rate is null ? null : (decimal)rate, evaluation.Rate);
        Assert.False(string.IsNullOrWhiteSpace(evaluation.ReasonZh));
    }
}
