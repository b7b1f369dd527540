// Keep the overlay as committed, to compare with what workflow:fix writes.
File original = new File(basedir, 'original')
original.mkdirs()
new File(original, 'prod.yaml').bytes = new File(basedir, 'values/prod.yaml').bytes
return true
