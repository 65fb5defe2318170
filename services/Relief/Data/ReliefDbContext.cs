using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Relief.Cases;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults.Audit;

namespace ReliefPlatform.Relief.Data;

/// <summary>The relief service's own database (reliefdb).</summary>
public sealed class ReliefDbContext(DbContextOptions<ReliefDbContext> options) : DbContext(options)
{
    public DbSet<ReliefCase> Cases => Set<ReliefCase>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.StoreDateTimeOffsetsAsUtc();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditTrail();
        modelBuilder.AddWiringProbes();
        modelBuilder.Entity<ReliefCase>(ReliefCase.Configure);
        modelBuilder.Entity<ReserveFunds.ReserveFund>(ReserveFunds.ReserveFund.Configure);
        modelBuilder.Entity<Campaigns.Campaign>(Campaigns.Campaign.Configure);
        modelBuilder.Entity<Campaigns.CampaignPayment>(Campaigns.CampaignPayment.Configure);
        modelBuilder.Entity<Campaigns.RosterPayment>(Campaigns.RosterPayment.Configure);
        modelBuilder.Entity<PriceLinkage.PriceLinkageSetting>(PriceLinkage.PriceLinkageSetting.Configure);
        modelBuilder.Entity<PriceLinkage.CpiFigure>(PriceLinkage.CpiFigure.Configure);
        modelBuilder.Entity<ReserveFunds.ReserveLedgerEntry>(ReserveFunds.ReserveLedgerEntry.Configure);
        modelBuilder.Entity<Care.CareArrangement>(Care.CareArrangement.Configure);
        modelBuilder.Entity<Care.CareVisit>(Care.CareVisit.Configure);
        modelBuilder.Entity<Care.CaregiverComplaint>(Care.CaregiverComplaint.Configure);
        modelBuilder.Entity<Care.CaregiverHandover>(Care.CaregiverHandover.Configure);
        modelBuilder.Entity<PurchasedServices.ServiceItem>(PurchasedServices.ServiceItem.Configure);
        modelBuilder.Entity<PurchasedServices.Provider>(PurchasedServices.Provider.Configure);
        modelBuilder.Entity<PurchasedServices.SupportPlan>(PurchasedServices.SupportPlan.Configure);
        modelBuilder.Entity<PurchasedServices.ServiceOrder>(PurchasedServices.ServiceOrder.Configure);
        modelBuilder.Entity<PurchasedServices.ServiceDelivery>(PurchasedServices.ServiceDelivery.Configure);
        modelBuilder.Entity<PurchasedServices.ProviderInvoice>(PurchasedServices.ProviderInvoice.Configure);
        modelBuilder.Entity<SocialForces.Charity>(SocialForces.Charity.Configure);
        modelBuilder.Entity<SocialForces.CharityProject>(SocialForces.CharityProject.Configure);
        modelBuilder.Entity<SocialForces.Referral>(SocialForces.Referral.Configure);
        modelBuilder.Entity<SocialForces.Helper>(SocialForces.Helper.Configure);
    }
}

/// <summary>For <c>dotnet ef migrations add</c> only.</summary>
public sealed class ReliefDesignTimeDbContextFactory : DesignTimeDbContextFactory<ReliefDbContext>;
