// One platform at a time: the chaos collection starts a second whole platform (eight .NET processes and
// three servers), and two starting together on a CI machine's two cores outlasted the start timeout.
// Run one after the other, each starts in the machine's full capacity.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
